// The session page: joins the LiveKit room with a token from token-service, and shows
// "Waiting for the …" until session-service says READY, and "Waiting for the …'s camera" while the
// other side is present without video. Presence and media come from the server only.
(async () => {
  const { tokenServiceUrl, sessionServiceUrl, devTokens } = window.RENDEZVOUS;
  const params = new URLSearchParams(location.search);
  const sessionId = params.get('session');
  const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
  const other = { customer: 'mechanic', mechanic: 'customer' };
  let role = params.get('role');
  let room;
  let follower;
  let followSession;
  let requestToken;
  let waitingText;

  function fail(message) {
    $('error').hidden = false;
    $('error').textContent = message;
    console.error(message);
  }

  async function userJwt() {
    if (params.get('jwt')) return params.get('jwt');
    if (!devTokens) throw new Error('no user JWT: open this page with ?jwt=… (dev tokens are off)');
    const query = (params.get('user') ? `sub=${encodeURIComponent(params.get('user'))}`
      : `session=${encodeURIComponent(sessionId)}&role=${encodeURIComponent(role)}`)
      + (params.get('jwt-ttl') ? `&ttl=${encodeURIComponent(params.get('jwt-ttl'))}` : '');
    const answer = await fetch(`/dev/token?${query}`);
    if (!answer.ok) throw new Error(`dev token: ${(await answer.json()).message}`);
    return (await answer.json()).token;
  }

  // What the page shows comes from rendezvous-client.js's reading of each snapshot.
  let state = null;
  function showState(described) {
    state = described;
    const { status, cameraMissing } = described;
    $('status').textContent = status;
    const waitingFor = other[role];
    // Present is not seen: a READY session whose other side publishes no camera still waits for it.
    $('waiting').hidden = !(status === 'WAITING' || cameraMissing);
    $('waiting-text').textContent = cameraMissing ? `Waiting for the ${waitingFor}'s camera…`
      : waitingText({ ...described, waitingFor });
    $('videos').hidden = status !== 'READY';
    if (status === 'ENDED') {
      $('ended').hidden = false;
      $('end').disabled = true;
      room?.disconnect();
    }
  }

  function updateParticipants() {
    $('participants').textContent = room ? String(1 + room.remoteParticipants.size) : '0';
  }

  try {
    if (!sessionId) throw new Error('open this page with ?session=<id>&role=customer|mechanic');
    ({ followSession, requestToken, waitingText } = await import(`${sessionServiceUrl}/rendezvous-client.js`));
    // "waiting 3 min" counts on: refresh the sentence while the page waits.
    setInterval(() => { if (state?.late) showState(state); }, 15000);
    const grant = await requestToken({ tokenServiceUrl, sessionId, jwt: await userJwt(), role });
    role = grant.role;
    $('you').textContent = `You are the ${role} (${grant.identity})`;

    // The server's word on presence: first the snapshot, then every change, resumed after any drop;
    // a refused (expired) JWT is replaced by a fresh one.
    follower = followSession({
      sessionServiceUrl, sessionId, role, getJwt: userJwt, onState: showState,
      onConnection: (state) => { $('stream').textContent = state; },
    });

    room = new LivekitClient.Room({ adaptiveStream: true, dynacast: true });
    room
      .on(LivekitClient.RoomEvent.ConnectionStateChanged, (state) => {
        $('connection').textContent = state === 'connected' ? 'Connected' : state;
      })
      .on(LivekitClient.RoomEvent.ParticipantConnected, updateParticipants)
      .on(LivekitClient.RoomEvent.ParticipantDisconnected, updateParticipants)
      .on(LivekitClient.RoomEvent.TrackSubscribed, (track, publication, participant) => {
        if (track.kind === 'video') {
          track.attach($('remote-video'));
          $('remote-name').textContent = participant.identity;
        }
      })
      .on(LivekitClient.RoomEvent.LocalTrackPublished, (publication) => {
        if (publication.track.kind === 'video') publication.track.attach($('local-video'));
      })
      .on(LivekitClient.RoomEvent.Disconnected, (reason) => {
        $('connection').textContent = `Disconnected (${LivekitClient.DisconnectReason[reason] ?? reason})`;
        updateParticipants();
      });
    await room.connect(grant.serverUrl, grant.token);
    updateParticipants();
    $('end').disabled = false;
    // ?camera=off joins with the microphone only, as someone who denied or lacks a camera would.
    if (params.get('camera') === 'off') {
      await room.localParticipant.setMicrophoneEnabled(true);
      $('camera').hidden = false;
    } else {
      await room.localParticipant.enableCameraAndMicrophone();
    }
  } catch (error) {
    fail(error.message ?? String(error));
  }

  $('camera').addEventListener('click', async () => {
    $('camera').disabled = true;
    try {
      await room.localParticipant.setCameraEnabled(true);
      $('camera').hidden = true;
    } catch (error) {
      fail(`camera: ${error.message ?? error}`);
      $('camera').disabled = false;
    }
  });

  $('end').addEventListener('click', async () => {
    $('end').disabled = true;
    const jwt = await userJwt();
    const answer = await fetch(`${sessionServiceUrl}/v1/sessions/${sessionId}/end`, {
      method: 'POST', headers: { Authorization: `Bearer ${jwt}` },
    });
    if (!answer.ok && answer.status !== 409) fail(`end: ${(await answer.json()).message}`);
  });
})();
