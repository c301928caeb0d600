/**
 * The header the portal's own pages put on requests nobody asked for (the
 * navigation's one-minute poll of unread updates): such a request is answered
 * like any other but is not activity, so it does not restart the session's
 * idle clock (lib/request/pipeline.ts). Plain data: the browser imports it too.
 * A client can only make its own session end sooner with it.
 */
export const BACKGROUND_REQUEST_HEADER = "x-portal-background";
