// Types of rendezvous-client.js: the session snapshot as session-service sends it, and the module's
// functions. Fields may be added to the snapshot (records only grow): code reading it should ignore
// what it does not know.

export type Role = 'customer' | 'mechanic';
export type SessionStatus = 'WAITING' | 'READY' | 'ENDED';
export type EndReason =
  | 'ended-by-customer' | 'ended-by-mechanic' | 'ended-by-backend' | 'expired' | 'abandoned'
  | 'room-finished' | 'room-gone' | (string & {});
export type ReceptionProblem = 'autoplay-blocked' | 'no-video-frames' | 'no-audio' | 'not-subscribed';
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface Media { camera: boolean; microphone: boolean }
export interface Receives { video: boolean; audio: boolean }

/** One role of the session: who it is, whether they are in the room, what they publish and play. */
export interface Party {
  userId: string;
  present: boolean;
  identity: string | null;
  /** ISO 8601 instant */
  since: string | null;
  media: Media;
  /** absent in snapshots written before reception reports existed */
  receives?: Receives;
}

export interface Waiting {
  for: Role;
  /** ISO 8601 instant */
  since: string;
  overdue: boolean;
}

/** The snapshot GET /v1/sessions/{id}, the stream and session-signals carry. */
export interface SessionSnapshot {
  sessionId: string;
  status: SessionStatus;
  version: number;
  customer: Party;
  mechanic: Party;
  mediaReady: boolean;
  /** absent in snapshots written before it existed: read it as false */
  seenAndHeard?: boolean;
  waiting: Waiting | null;
  readyAt: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
  /** every member of the roster with its presence; absent in snapshots written before it existed */
  members?: Member[];
  /** agents, recorders, phone legs in the room; absent in snapshots written before it existed */
  others?: Other[];
  /** a recorder (LiveKit Egress) is in the room; absent in snapshots written before it existed */
  recording?: boolean;
  [added: string]: unknown;
}

/** A member of the roster: a party with its role. */
export interface Member extends Party {
  role: Role | 'supervisor' | (string & {});
}

export type ParticipantKind = 'AGENT' | 'EGRESS' | 'INGRESS' | 'SIP' | 'CONNECTOR' | 'BRIDGE' | 'OTHER' | (string & {});

/** A participant in the room that is not a person's page; never counted for a role. */
export interface Other {
  kind: ParticipantKind;
  identity: string | null;
  /** ISO 8601 instant */
  since: string | null;
}

/** What a page shows for a snapshot (describe()). */
export interface Described {
  status: SessionStatus;
  missing: Role[];
  waitingFor: Role | null;
  late: boolean;
  waitingSince: Date | null;
  cameraMissing: boolean;
  seenAndHeard: boolean;
  receives: Receives;
  otherReceives: Receives;
  others: Other[];
  recording: boolean;
  /** Every member of the roster, supervisors included (a record from before members existed: its customer and mechanic). */
  members: Member[];
  /** The members who look in as supervisors: hidden in the room, never counted for READY or waited for. */
  supervisors: Member[];
  snapshot: SessionSnapshot;
}

/** Whether a livekit-client participant is a person's page (kind STANDARD), not an agent, recorder or phone leg. */
export function isPerson(participant: { kind?: number | string | null } | null | undefined): boolean;

export interface FollowOptions {
  sessionServiceUrl: string;
  sessionId: string;
  role?: Role;
  /** called at the start ('start') and after a 401 ('refused'): resolve to a fresh user JWT */
  getJwt: (reason: 'start' | 'refused') => string | Promise<string>;
  onState?: (state: Described) => void;
  onConnection?: (state: ConnectionState, detail?: unknown) => void;
  /** how long to wait before reconnecting a dropped stream, in ms (default 2000) */
  retryMs?: number;
}

export interface Follower { close(): void }

/** Follows a session's stream until it ENDS or close() is called; resumes after every drop. */
export function followSession(options: FollowOptions): Follower;

/** token-service's answer to POST /v1/sessions/{id}/token. */
export interface TokenGrant {
  serverUrl: string;
  token: string;
  roomName: string;
  identity: string;
  role: Role;
  expiresAt: string;
}

/** An Error thrown by requestToken: code is the refusal's error (e.g. not-on-roster), status the HTTP status. */
export interface RefusalError extends Error { code: string; status: number }

export function requestToken(options: { tokenServiceUrl: string; sessionId: string; jwt: string; role?: Role }): Promise<TokenGrant>;

export function describe(snapshot: SessionSnapshot, role?: Role | 'supervisor' | null): Described;

/** "Waiting for the mechanic…", or "The mechanic is late — waiting 3 min" once overdue; '' when nobody is awaited. */
export function waitingText(state: Pick<Described, 'waitingFor' | 'late' | 'waitingSince'>, now?: Date): string;

export interface ReceptionState { video: boolean; audio: boolean; problem: ReceptionProblem | null; autoplayBlocked?: boolean }

export interface ReceptionOptions {
  /** a livekit-client Room the page has connected */
  room: { on(event: string, listener: (...args: any[]) => void): any; off(event: string, listener: (...args: any[]) => void): any; [key: string]: any };
  sessionServiceUrl: string;
  sessionId: string;
  role: Role;
  getJwt: (reason: 'start' | 'refused') => string | Promise<string>;
  onChange?: (state: ReceptionState) => void;
  intervalMs?: number;
  settleMs?: number;
}

export interface ReceptionReporter {
  /** resumes sound the browser blocked; call it inside a click handler */
  startAudio(): Promise<void> | void;
  close(): void;
  readonly state: ReceptionState | null;
}

export function reportReception(options: ReceptionOptions): ReceptionReporter;

export interface ReceptionLook {
  subscribed: { video: boolean; audio: boolean };
  playing: { video: boolean; audio: boolean };
  advanced: { video: boolean; audio: boolean };
  autoplayBlocked: boolean;
  published: { video: boolean; audio: boolean };
  failed: { video: boolean; audio: boolean };
}

export function measureReception(look: ReceptionLook): { video: boolean; audio: boolean; problem: ReceptionProblem | null };
