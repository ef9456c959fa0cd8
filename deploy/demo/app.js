// The session page: joins the LiveKit room with a token from token-service (LiveKit's standard token
// endpoint, through livekit-client's TokenSource), plays the other person's video and sound, and shows
// "Waiting for the …" until session-service says READY, "Waiting for the …'s camera" while the other
// side is present without video, and whether both see and hear each other. Presence and media come
// from the server; what this page plays, the browser module reports to it. A supervisor (?role=supervisor)
// looks in: LiveKit hides them from the other two and lets them only subscribe, so their page publishes
// nothing, reports nothing, ends nothing, and shows both people.
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
  let reportReception;
  let waitingText;
  let isPerson;
  let reception;

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
    const { status, cameraMissing, seenAndHeard } = described;
    $('status').textContent = status;
    $('seen-and-heard').textContent = status !== 'READY' ? '—' : seenAndHeard ? 'both see and hear each other' : 'not yet';
    const waitingFor = other[role] ?? described.waitingFor;
    // Present is not seen: a READY session whose other side publishes no camera still waits for it.
    $('waiting').hidden = !(status === 'WAITING' || cameraMissing);
    $('waiting-text').textContent = cameraMissing ? `Waiting for the ${waitingFor}'s camera…`
      : waitingText({ ...described, waitingFor });
    $('videos').hidden = status !== 'READY' && role !== 'supervisor';
    // People have a right to know: a recorder in the room is said on both pages, and who else is there.
    $('recording').hidden = !described.recording;
    const names = { AGENT: 'an AI agent', EGRESS: 'a recorder', INGRESS: 'a stream', SIP: 'a phone call', CONNECTOR: 'a connector',
      BRIDGE: 'a bridge' };
    $('others').hidden = described.others.length === 0;
    $('others').textContent = `Also in the room: ${described.others.map((o) => `${names[o.kind] ?? 'a service'} (${o.identity})`).join(', ')}`;
    if (status === 'ENDED') {
      $('ended').hidden = false;
      $('end').disabled = true;
      $('end').hidden = role === 'supervisor';
      room?.disconnect();
    }
  }

  function updateParticipants() {
    $('participants').textContent = room ? String(1 + room.remoteParticipants.size) : '0';
  }

  /** A customer's or mechanic's page: reports what it plays of the other, publishes camera and microphone, may end. */
  async function joinAsAPerson() {
    // What this page plays of the other, told to session-service; a blocked speaker needs one click.
    reception = reportReception({
      room, sessionServiceUrl, sessionId, role, getJwt: userJwt,
      onChange: ({ video, audio, problem, autoplayBlocked }) => {
        $('hear').hidden = !autoplayBlocked;
        $('hear').textContent = `Click to hear the ${other[role]}`;
        $('reception').textContent = `${video ? 'video' : 'no video'}, ${audio ? 'sound' : 'no sound'}`
          + (problem ? ` (${problem})` : '');
      },
    });
    $('end').disabled = false;
    // ?camera=off joins with the microphone only, as someone who denied or lacks a camera would.
    if (params.get('camera') === 'off') {
      await room.localParticipant.setMicrophoneEnabled(true);
      $('camera').hidden = false;
    } else {
      await room.localParticipant.enableCameraAndMicrophone();
    }
  }

  try {
    if (!sessionId) throw new Error('open this page with ?session=<id>&role=customer|mechanic|supervisor');
    ({ followSession, reportReception, waitingText, isPerson } = await import(`${sessionServiceUrl}/rendezvous-client.js`));
    // "waiting 3 min" counts on: refresh the sentence while the page waits.
    setInterval(() => { if (state?.late) showState(state); }, 15000);
    // LiveKit's standard token endpoint: the room names the session; the role comes from the roster.
    const tokens = LivekitClient.TokenSource.endpoint(`${tokenServiceUrl}/v1/livekit/token`,
      { headers: { Authorization: `Bearer ${await userJwt()}` } });
    const grant = await tokens.fetch({ roomName: `session-${sessionId}` }).catch((error) => {
      // The endpoint's {error, message} comes back inside livekit-client's error text.
      const body = /\{.*\}/.exec(error.message)?.[0];
      throw new Error(`token-service: ${body ? JSON.parse(body).message : error.message}`);
    });
    const claims = LivekitClient.decodeTokenPayload(grant.participantToken);
    role = claims.attributes?.role ?? role;
    const supervising = role === 'supervisor';
    $('you').textContent = supervising ? `You are looking in as a supervisor (${claims.sub}), hidden from the others`
      : `You are the ${role} (${claims.sub})`;

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
        // An AI agent's avatar or a phone leg is not the other person.
        if (!isPerson(participant)) return;
        if (supervising) {
          // Both people, each in a video of their own, and both voices.
          if (track.kind === 'video') {
            const figure = document.createElement('figure');
            figure.dataset.testid = `watch-${participant.identity}`;
            const video = track.attach();
            video.dataset.testid = 'watched-video';
            const caption = document.createElement('figcaption');
            caption.textContent = participant.identity;
            figure.append(video, caption);
            $('videos').append(figure);
          } else if (track.kind === 'audio') {
            $('remote-audio').append(track.attach());
          }
          return;
        }
        if (track.kind === 'video') {
          track.attach($('remote-video'));
          $('remote-name').textContent = participant.identity;
        } else if (track.kind === 'audio') {
          // The other person's voice: an <audio> element of its own, so it plays even before READY.
          $('remote-audio').append(track.attach());
        }
      })
      .on(LivekitClient.RoomEvent.TrackUnsubscribed, (track) => {
        track.detach().forEach((element) => {
          if (element.tagName === 'AUDIO') element.remove();
          else if (element.dataset.testid === 'watched-video') element.parentElement?.remove();
        });
      })
      .on(LivekitClient.RoomEvent.LocalTrackPublished, (publication) => {
        if (publication.track.kind === 'video') publication.track.attach($('local-video'));
      })
      .on(LivekitClient.RoomEvent.Disconnected, (reason) => {
        $('connection').textContent = `Disconnected (${LivekitClient.DisconnectReason[reason] ?? reason})`;
        updateParticipants();
      });
    await room.connect(grant.serverUrl, grant.participantToken);
    updateParticipants();
    if (supervising) {
      // Nothing to publish (the grant allows none), nothing to report, nothing to end: sound may still need a click.
      $('local-video').parentElement.hidden = true;
      $('remote-video').parentElement.hidden = true;
      $('end').hidden = true;
      $('hear').textContent = 'Click to hear them';
      $('hear').hidden = room.canPlaybackAudio;
      room.on(LivekitClient.RoomEvent.AudioPlaybackStatusChanged, () => { $('hear').hidden = room.canPlaybackAudio; });
    } else {
      await joinAsAPerson();
    }
  } catch (error) {
    fail(error.message ?? String(error));
  }

  $('hear').addEventListener('click', async () => {
    try {
      if (!reception) return room?.startAudio();
      await reception.startAudio();
    } catch (error) {
      fail(`sound: ${error.message ?? error}`);
    }
  });

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
