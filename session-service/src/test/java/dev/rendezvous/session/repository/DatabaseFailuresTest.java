package dev.rendezvous.session.repository;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way PostgreSQL can answer but refuse is an outage; only refused data is the record's fault. */
class DatabaseFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"25006", "53300", "57P01", "57P03", "08006", "58030", "40001", "40P01", "55P03"})
    void shouldTakeARefusalThatSaysNothingAboutTheDataForAnOutage(String sqlState) {
        assertThat(DatabaseFailures.unavailable(new RuntimeException("wrapped", pg(sqlState)))).isTrue();
        assertThat(DatabaseFailures.refusedData(pg(sqlState))).isFalse();
    }

    @Test
    void shouldTakeDnsTlsAndTimeoutsForAnOutage() {
        assertThat(DatabaseFailures.unavailable(new UnknownHostException("postgres.rendezvous.svc"))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SSLHandshakeException("PKIX path building failed"))).isTrue();
        assertThat(DatabaseFailures.unavailable(new IllegalStateException(new TimeoutException("Timeout")))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"22001", "22008", "23502", "23514"})
    void shouldTakeRefusedDataForTheRecordsFault(String sqlState) {
        assertThat(DatabaseFailures.refusedData(pg(sqlState))).isTrue();
        assertThat(DatabaseFailures.unavailable(pg(sqlState))).isFalse();
    }

    @Test
    void shouldNotTakeAFaultOfOursForAnOutage() {
        assertThat(DatabaseFailures.unavailable(new NullPointerException())).isFalse();
        assertThat(DatabaseFailures.refusedData(new NullPointerException())).isFalse();
    }

    private static PgException pg(String sqlState) {
        return new PgException("refused", "ERROR", sqlState, null);
    }
}
