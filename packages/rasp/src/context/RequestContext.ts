/**
 * What the agent knows about the request being served, available at every sink through
 * `AsyncLocalStorage` (see `requestStore`). Cheap to create: only the URL is parsed up front;
 * user input is collected the first time a sink asks, and again only when the framework has
 * since parsed the body or matched route params.
 */

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { RaspConfig } from '../config/RaspConfig.js';
import { captureBody, type BodyCapture } from './captureBody.js';
import { clientIp } from './clientIp.js';
import { decodeJwtClaims } from './decodeJwtClaims.js';
import { UserInputCollector, type UserInput } from './collectUserInput.js';
import { nextRouteMatch } from './nextRouteMatch.js';
import { parseCookies } from './parseCookies.js';
import { parseRawBody } from './parseRawBody.js';

export type ServerRequest = IncomingMessage | Http2ServerRequest;
export type ServerResponseLike = ServerResponse | Http2ServerResponse;

/** Fields Express (and frameworks modelled on it) add to the request. */
interface FrameworkRequest {
  body?: unknown;
  params?: unknown;
  query?: unknown;
  baseUrl?: unknown;
  route?: { path?: unknown };
}

/**
 * What a framework that keeps its parsed request apart from Node's (Fastify's `request`, Koa's
 * `ctx`) knows, read at sink time: attached by the framework adapters.
 */
export interface FrameworkView {
  readonly body: () => unknown;
  readonly params: () => unknown;
  readonly query: () => unknown;
  /** The matched route template (`/users/:id`), if any. */
  readonly route: () => string | undefined;
}

/** The capture of every request without a body: nothing is ever pushed to it. */
const NO_BODY: BodyCapture = Object.freeze({ chunks: [], bytes: 0, truncated: false });

/** Path segments checked one by one: enough for any real route. */
const MAX_PATH_SEGMENTS = 32;
const PLAIN_SEGMENT = /^[A-Za-z0-9_-]*$/;

export class RequestContext {
  readonly method: string;
  /** The request target as sent, with the query. */
  readonly url: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly req: ServerRequest;
  readonly res: ServerResponseLike;
  readonly body: BodyCapture;
  /** The agent answered this request with 403. */
  blocked = false;
  /** The user the app named with `setUser`. */
  user: string | undefined;

  // Everything below is made the first time it is asked for: most requests reach no sink, and
  // what a request allocates up front is paid by every request (see bench:rasp).
  readonly #config: RaspConfig;
  #query: URLSearchParams | undefined;
  #ip: { value: string | undefined } | undefined;
  #reported: Set<string> | undefined;
  #derivedPaths: Map<string, string> | undefined;
  #redirectTargets: Map<string, string> | undefined;
  #framework: FrameworkView | undefined;
  #fixedInputs: { query: UserInput[]; rest: UserInput[] } | undefined;
  #inputs: { body: unknown; params: unknown; bytes: number; inputs: UserInput[] } | undefined;

  constructor(req: ServerRequest, res: ServerResponseLike, config: RaspConfig) {
    this.req = req;
    this.res = res;
    this.#config = config;
    this.method = req.method ?? 'GET';
    this.url = req.url ?? '/';
    this.headers = req.headers;
    const queryStart = this.url.indexOf('?');
    this.path = queryStart === -1 ? this.url : this.url.slice(0, queryStart);
    this.body = mayHaveBody(req) ? captureBody(req, config.limits.maxBodyBytes) : NO_BODY;
  }

  /** The query string's parameters. */
  get query(): URLSearchParams {
    if (this.#query === undefined) {
      const queryStart = this.url.indexOf('?');
      this.#query = new URLSearchParams(queryStart === -1 ? '' : this.url.slice(queryStart + 1));
    }
    return this.#query;
  }

  /** Whether the request target has a query string at all (without parsing it). */
  hasQuery(): boolean {
    const queryStart = this.url.indexOf('?');
    return queryStart !== -1 && queryStart < this.url.length - 1;
  }

  /** The client's address (`X-Forwarded-For` only when `trustProxy` says so). */
  get ip(): string | undefined {
    this.#ip ??= {
      value: clientIp(
        this.req.socket.remoteAddress,
        this.headers['x-forwarded-for'],
        this.#config.trustProxy,
      ),
    };
    return this.#ip.value;
  }

  /** Detections already reported for this request (kind, source, input): one event each. */
  get reported(): Set<string> {
    return (this.#reported ??= new Set());
  }

  /** Paths built by `path.join`/`resolve` from a climbing input, to that input (see hookPathFunctions). */
  get derivedPaths(): Map<string, string> {
    return (this.#derivedPaths ??= new Map());
  }

  /** The input a path was built from (see `derivedPaths`), without making the map. */
  derivedFrom(path: string): string | undefined {
    return this.#derivedPaths?.get(path);
  }

  /**
   * Redirect targets of outbound requests whose host a user input chose, to that input: the next
   * hop goes where the input sent it (see `ssrfCheck`).
   */
  get redirectTargets(): Map<string, string> {
    return (this.#redirectTargets ??= new Map());
  }

  /** Called by a framework adapter once the framework has its own request object. */
  attachFramework(view: FrameworkView): void {
    this.#framework = view;
  }

  /** The route template when the framework matched one (`/users/:id`), else the path. */
  route(): string {
    const framework = this.#framework;
    if (framework !== undefined) return framework.route() ?? this.path;
    const { route, baseUrl } = this.req as FrameworkRequest;
    if (typeof route?.path !== 'string') return nextRouteMatch(this.req)?.route ?? this.path;
    return `${typeof baseUrl === 'string' ? baseUrl : ''}${route.path}`;
  }

  /**
   * Body and params as the framework parsed them (Express's fields by default). Each part is
   * read on its own: Express 5's `req.query` is a getter that parses the query string anew.
   */
  #bodyAndParams(): { body: unknown; params: unknown } {
    const framework = this.#framework;
    if (framework !== undefined) return { body: framework.body(), params: framework.params() };
    const { body, params } = this.req as FrameworkRequest;
    // Next.js keeps its route params apart from Node's request (see nextRouteMatch).
    return { body, params: params ?? nextRouteMatch(this.req)?.params };
  }

  /** The framework's parsed (possibly nested) query. */
  #frameworkQuery(): unknown {
    const framework = this.#framework;
    return framework !== undefined ? framework.query() : (this.req as FrameworkRequest).query;
  }

  /**
   * Every string the client sent, with its source: query, body, params, cookies, path, the claims
   * of a bearer JWT (`jwt.sub`), headers.
   */
  userInput(): readonly UserInput[] {
    const { body, params } = this.#bodyAndParams();
    const cached = this.#inputs;
    if (
      cached !== undefined &&
      cached.body === body &&
      cached.params === params &&
      cached.bytes === this.body.bytes
    ) {
      return cached.inputs;
    }
    const collector = new UserInputCollector(this.#config.limits);
    this.#fixedInputs ??= this.#collectFixed();
    const { query, rest } = this.#fixedInputs;
    for (const input of query) collector.add(input.source, input.value);
    collector.addValue('body', this.#bodyValue(body));
    collector.addValue('params', params);
    for (const input of rest) collector.add(input.source, input.value);
    this.#inputs = { body, params, bytes: this.body.bytes, inputs: collector.inputs };
    return collector.inputs;
  }

  /**
   * The client's input as structures, for sinks that receive structures (MongoDB filters): the
   * parsed body, the framework's parsed query (nested with `qs`), route params.
   */
  parsedInput(): readonly { readonly source: string; readonly value: unknown }[] {
    const { body, params } = this.#bodyAndParams();
    const query = this.#frameworkQuery();
    const parsed: { source: string; value: unknown }[] = [];
    const bodyValue = this.#bodyValue(body);
    if (typeof bodyValue === 'object' && bodyValue !== null) {
      parsed.push({ source: 'body', value: bodyValue });
    }
    if (typeof query === 'object' && query !== null) parsed.push({ source: 'query', value: query });
    else if (this.query.size > 0)
      parsed.push({ source: 'query', value: Object.fromEntries(this.query) });
    if (typeof params === 'object' && params !== null) {
      parsed.push({ source: 'params', value: params });
    }
    const claims = decodeJwtClaims(this.headers.authorization);
    if (claims !== undefined) parsed.push({ source: 'jwt', value: claims });
    return parsed;
  }

  /** The framework's parsed body when there is one, else the body the agent saw go by. */
  #bodyValue(parsed: unknown): unknown {
    if (parsed !== undefined && !Buffer.isBuffer(parsed)) return parsed;
    if (parsed === undefined && this.body.bytes === 0) return undefined; // nothing arrived
    const raw = Buffer.isBuffer(parsed) ? parsed : Buffer.concat(this.body.chunks);
    const contentType = this.headers['content-type'];
    // A cut-off JSON document does not parse: check what arrived as text instead.
    return this.body.truncated && !Buffer.isBuffer(parsed)
      ? raw.toString('utf8')
      : parseRawBody(contentType, raw);
  }

  /** Inputs that cannot change during the request: the query first, as the likeliest source. */
  #collectFixed(): { query: UserInput[]; rest: UserInput[] } {
    const queryCollector = new UserInputCollector(this.#config.limits);
    for (const [name, value] of this.query) {
      if (!PLAIN_SEGMENT.test(name)) queryCollector.add('query key', name);
      queryCollector.add(`query.${name}`, value);
    }
    const collector = new UserInputCollector({ ...this.#config.limits, maxDepth: 2 });
    for (const [name, value] of parseCookies(this.headers.cookie)) {
      collector.add(`cookies.${name}`, value);
    }
    const segments = this.path.split('/').slice(1, MAX_PATH_SEGMENTS + 1);
    segments.forEach((segment, index) => {
      const decoded = decodeLeniently(segment);
      if (!PLAIN_SEGMENT.test(decoded)) collector.add(`path[${index}]`, decoded);
    });
    collector.addValue('jwt', decodeJwtClaims(this.headers.authorization));
    for (const [name, value] of Object.entries(this.headers)) {
      if (name === 'cookie' || name.startsWith(':')) continue;
      collector.addValue(`headers.${name}`, value);
    }
    return { query: queryCollector.inputs, rest: collector.inputs };
  }
}

/**
 * HTTP/1 requests carry a body only with `Content-Length` (not 0) or `Transfer-Encoding`
 * (RFC 9112, 6.3); HTTP/2 ones say so per stream, so they are always observed.
 */
function mayHaveBody(req: ServerRequest): boolean {
  if (req.httpVersionMajor >= 2) return true;
  const { headers } = req;
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function decodeLeniently(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
