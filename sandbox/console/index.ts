// The sandbox console: what a Zap did, as pages, and buttons for what happens outside the
// CRM. Served by the sandbox at / (registered from api/app.ts), signed in as a studio user with
// the consent page's users and passwords; the pages carry the consent page's protections
// (web/: escaped output, a strict CSP, no-store, no framing) plus a session cookie and a
// CSRF token on every form (session.ts).
//   GET  /                     → the Jobs page (or sign-in)
//   GET  /console/{jobs,orders,orders/:id,events,connections}
//   POST /console/{orders,payments,galleries/:id/images,galleries/:id/publish,deliveries/resend}
//   GET|POST /console/sign-in, POST /console/sign-out, GET /console/style.css
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.js';
import { ApiError } from '../errors.js';
import { getStudio } from '../store/studios.js';
import { SIGN_IN_MISMATCH } from '../web/html.js';
import { sendHtml, singleValues } from '../web/http.js';
import {
  orderFormProblems,
  placeOrderAction,
  publishGalleryAction,
  registerVisitorAction,
  sendInviteAction,
  recordPaymentAction,
  resendAction,
  uploadImagesAction,
  type ActionResult,
} from './actions.js';
import {
  CONSOLE_PATHS,
  renderConnections,
  renderEvents,
  renderJobs,
  renderOrder,
  renderOrders,
  renderProblem,
  renderSignIn,
  type OrderFormView,
  type PageFrame,
} from './pages.js';
import {
  clientsOf,
  deliveryAttemptsOf,
  eventsOf,
  galleryChoicesOf,
  jobsOf,
  orderOf,
  ordersFromOtherAppsOf,
  ordersOf,
  subscriptionsOf,
  tokenFamiliesOf,
} from './queries.js';
import {
  clearEveryCookie,
  endSession,
  ensureSignInSession,
  findSession,
  findSignInSession,
  sameOriginPost,
  sessionCookie,
  setFlash,
  startSession,
  takeFlash,
  tokensMatch,
  type ConsoleSession,
} from './session.js';
import { CONSOLE_CSS } from './style.js';

const POLICY = { styleSrc: `'self'`, formAction: `'self'` };
/** Where a sign-in or a button may send the browser next: console pages only. */
const CONSOLE_LOCATION = /^\/console\/[A-Za-z0-9_/-]*(#[A-Za-z0-9_-]+)?$/;

const safeLocation = (value: string | undefined, fallback: string) => (value && CONSOLE_LOCATION.test(value) ? value : fallback);

function problem(reply: FastifyReply, status: number, title: string, message: string) {
  return sendHtml(reply, status, renderProblem(title, message), POLICY);
}

const FORM_EXPIRED = [
  'This form has expired',
  'The page it came from is no longer valid for this browser (signed out, or opened elsewhere). Reload the page and try again.',
] as const;
const OTHER_ORIGIN = [
  'This form came from another site',
  'The console only accepts forms sent from its own pages. Open the console yourself (its address) and try again there.',
] as const;
const TWO_COOKIES = [
  'This browser holds two console sessions',
  'A page on another site set a second console cookie for this address, so the console cannot tell which session is yours. It has cleared both: sign in again.',
] as const;

export async function registerConsole(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);

  await app.register(async (web) => {
    web.setErrorHandler((error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode;
      if (status && status >= 400 && status < 500)
        return problem(reply, status, 'This request could not be read', 'Send the form from the console page again.');
      request.log.error({ err: error }, 'console page failed');
      return problem(reply, 500, 'Something went wrong', 'The sandbox could not show this page; this is a bug in the sandbox.');
    });

    const frameOf = (session: ConsoleSession): PageFrame => {
      const studio = getStudio(ctx.db, session.studioId);
      return {
        studioName: studio.name,
        currency: studio.currency,
        userEmail: session.user.email,
        csrfToken: session.csrfToken,
        flash: takeFlash(ctx.db, session),
        timeZone: studio.timezone,
      };
    };

    // Two session cookies (one planted for a narrower path by another port of this host): no
    // guess at which is meant; both are cleared and the browser signs in again.
    web.addHook('onRequest', async (request, reply) => {
      if (sessionCookie(request) !== 'duplicate') return;
      clearEveryCookie(request, reply);
      return problem(reply, 400, ...TWO_COOKIES);
    });
    // A form posted from another origin, or another port of this host, is refused before it is read.
    web.addHook('onRequest', async (request, reply) => {
      if (request.method === 'POST' && !sameOriginPost(request)) return problem(reply, 403, ...OTHER_ORIGIN);
    });

    /** A page for the signed-in user; anyone else is sent to sign in, and back here after. */
    const show = (path: string, render: (frame: PageFrame, session: ConsoleSession, request: FastifyRequest) => string | null) =>
      web.get(path, async (request, reply) => {
        const session = findSession(ctx.db, request);
        if (!session) {
          const next = safeLocation(request.url.split('?')[0], CONSOLE_PATHS.jobs);
          return reply
            .code(303)
            .header('location', `${CONSOLE_PATHS.signIn}?next=${encodeURIComponent(next)}`)
            .send();
        }
        const html = render(frameOf(session), session, request);
        if (html === null) return problem(reply, 404, 'Not found', 'There is no such record in this studio.');
        return sendHtml(reply, 200, html, POLICY);
      });

    /** A button: signed in and the page's CSRF token, or refused; then post, redirect, get. */
    const act = (
      path: string,
      run: (session: ConsoleSession, form: Record<string, string>, request: FastifyRequest) => ActionResult,
      failedLocation: (form: Record<string, string>) => string,
      /** A form worth keeping: on a refusal, the page again (422) with what was typed and what to correct. */
      refused?: (frame: PageFrame, session: ConsoleSession, form: Record<string, string>, error: ApiError) => string,
    ) =>
      web.post(path, async (request, reply) => {
        const form = singleValues(request.body);
        const session = findSession(ctx.db, request);
        if (!form || !session || !tokensMatch(session.csrfToken, form.csrf_token)) return problem(reply, 403, ...FORM_EXPIRED);
        let result: ActionResult;
        try {
          result = run(session, form, request);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (refused) return sendHtml(reply, 422, refused(frameOf(session), session, form, error), POLICY);
          setFlash(ctx.db, session, { kind: 'error', text: `Nothing was done: ${error.message}` });
          return reply.code(303).header('location', failedLocation(form)).send();
        }
        setFlash(ctx.db, session, { kind: 'done', text: result.message });
        return reply.code(303).header('location', result.location).send();
      });

    web.get(CONSOLE_PATHS.style, async (_request, reply) =>
      reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'no-cache').send(CONSOLE_CSS),
    );

    const home = async (request: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(302)
        .header('location', findSession(ctx.db, request) ? CONSOLE_PATHS.jobs : CONSOLE_PATHS.signIn)
        .send();
    web.get(CONSOLE_PATHS.home, home);
    web.get('/console', home);

    web.get(CONSOLE_PATHS.signIn, async (request, reply) => {
      const next = safeLocation((request.query as Record<string, string | undefined>).next, CONSOLE_PATHS.jobs);
      if (findSession(ctx.db, request)) return reply.code(303).header('location', next).send();
      const pending = ensureSignInSession(ctx.db, request, reply);
      return sendHtml(reply, 200, renderSignIn({ csrfToken: pending.csrfToken, next }), POLICY);
    });

    web.post(CONSOLE_PATHS.signIn, async (request, reply) => {
      const form = singleValues(request.body);
      const pending = findSignInSession(ctx.db, request);
      if (!form || !pending || !tokensMatch(pending.csrfToken, form.csrf_token)) return problem(reply, 403, ...FORM_EXPIRED);
      const next = safeLocation(form.next, CONSOLE_PATHS.jobs);
      const email = (form.email ?? '').trim();
      const showAgain = (status: number, error: string) =>
        sendHtml(reply, status, renderSignIn({ csrfToken: pending.csrfToken, email, error, next }), POLICY);
      if (!email || !form.password) return showAgain(400, 'Enter your email and password.');
      // The one limit the consent page shares, keyed by the account: a new page or browser buys no guesses.
      const outcome = await ctx.signIns.verify(email, form.password);
      if (outcome.kind === 'paused') {
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return problem(
          reply,
          429,
          'Too many attempts',
          `Too many wrong passwords for ${email}: sign-in is paused for ${Math.ceil(outcome.retryAfterSeconds / 60)} more minute${outcome.retryAfterSeconds > 60 ? 's' : ''}. ` +
            'The password is the one the sandbox printed when it started (npm start or npm run sandbox).',
        );
      }
      if (outcome.kind === 'busy') {
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return showAgain(
          503,
          `The sandbox is checking many sign-ins right now. Wait ${outcome.retryAfterSeconds} seconds and sign in again.`,
        );
      }
      if (outcome.kind === 'mismatch') {
        const left = outcome.attemptsLeft;
        return showAgain(
          400,
          `${SIGN_IN_MISMATCH}${left <= 2 ? ` ${left} attempt${left === 1 ? '' : 's'} left before sign-in pauses.` : ''}`,
        );
      }
      startSession(ctx.db, request, reply, pending, outcome.user);
      return reply.code(303).header('location', next).send();
    });

    web.post(CONSOLE_PATHS.signOut, async (request, reply) => {
      const form = singleValues(request.body);
      const session = findSession(ctx.db, request);
      if (!form || !session || !tokensMatch(session.csrfToken, form.csrf_token)) return problem(reply, 403, ...FORM_EXPIRED);
      endSession(ctx.db, request, reply, session);
      return reply.code(303).header('location', CONSOLE_PATHS.signIn).send();
    });

    show(CONSOLE_PATHS.jobs, (frame, session) => renderJobs(frame, jobsOf(ctx.db, session.studioId)));
    const ordersPage = (frame: PageFrame, session: ConsoleSession, form: Omit<OrderFormView, 'galleries'> = {}) =>
      renderOrders(
        frame,
        ordersOf(ctx.db, session.studioId),
        { galleries: galleryChoicesOf(ctx.db, session.studioId), ...form },
        ordersFromOtherAppsOf(ctx.db, session.studioId),
      );
    show(CONSOLE_PATHS.orders, (frame, session) => ordersPage(frame, session));
    show('/console/orders/:id', (frame, session, request) => {
      const view = orderOf(ctx.db, session.studioId, (request.params as { id: string }).id);
      return view ? renderOrder(frame, view) : null;
    });
    show(CONSOLE_PATHS.events, (frame, session) =>
      renderEvents(frame, {
        events: eventsOf(ctx.db, session.studioId),
        subscriptions: subscriptionsOf(ctx.db, session.studioId),
        deliveries: deliveryAttemptsOf(ctx.db, session.studioId),
      }),
    );
    show(CONSOLE_PATHS.connections, (frame, session) =>
      renderConnections(frame, { clients: clientsOf(ctx.db, session.studioId), families: tokenFamiliesOf(ctx.db, session.studioId) }),
    );

    const returnTo = (form: Record<string, string>) => safeLocation(form.return_to, CONSOLE_PATHS.jobs);
    act(
      CONSOLE_PATHS.orders,
      (session, form) => placeOrderAction(ctx, session.studioId, form),
      () => CONSOLE_PATHS.orders,
      (frame, session, form, error) => ordersPage(frame, session, { values: form, problems: orderFormProblems(error, form) }),
    );
    act(CONSOLE_PATHS.payments, (session, form) => recordPaymentAction(ctx, session.studioId, form, returnTo(form)), returnTo);
    act(
      '/console/galleries/:id/images',
      (session, form, request) => uploadImagesAction(ctx, session.studioId, (request.params as { id: string }).id, form, returnTo(form)),
      returnTo,
    );
    act(
      '/console/galleries/:id/publish',
      (session, form, request) => publishGalleryAction(ctx, session.studioId, (request.params as { id: string }).id, returnTo(form)),
      returnTo,
    );
    act(
      '/console/galleries/:id/visitors',
      (session, form, request) => registerVisitorAction(ctx, session.studioId, (request.params as { id: string }).id, form, returnTo(form)),
      returnTo,
    );
    act(
      '/console/galleries/:id/invites',
      (session, form, request) => sendInviteAction(ctx, session.studioId, (request.params as { id: string }).id, returnTo(form)),
      returnTo,
    );
    act(
      CONSOLE_PATHS.resend,
      (session, form) => resendAction(ctx, session.studioId, form),
      () => CONSOLE_PATHS.events,
    );
  });
}
