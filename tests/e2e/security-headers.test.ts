import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_PASSWORD } from "@/lib/ops/seed";
import { createPatient } from "../support/api";
import { launchBrowser, signInThroughForm, url } from "../support/browser";
import { signInOverHttp } from "../support/http";
import { sendReferral } from "./support/therapy";

const riverside = DEMO_CLINICS[0]!;
const clinician = riverside.users.find((user) => user.role === "CLINICIAN")!;

const STATIC_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

const nonceOf = (policy: string | null) => policy?.match(/'nonce-([^']+)'/)?.[1];

describe("security headers over HTTP", () => {
  it("gives every page a strict Content-Security-Policy with a fresh nonce that the page's own scripts carry", async () => {
    const [first, second] = await Promise.all([fetch(url("/login")), fetch(url("/login"))]);
    const policy = first.headers.get("content-security-policy");
    expect(policy).toContain("script-src 'self' 'nonce-");
    expect(policy).toContain("'strict-dynamic'");
    for (const directive of [
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(policy).toContain(directive);
    }
    // The production build needs no eval; only `next dev` gets 'unsafe-eval'.
    expect(policy).not.toContain("unsafe-eval");

    const nonce = nonceOf(policy);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);

    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it.each(["/login", "/api/graphql", "/api/auth/csrf"])("sends the static security headers and HSTS on %s", async (path) => {
    const response = await fetch(url(path));
    for (const [name, value] of Object.entries(STATIC_HEADERS)) expect(response.headers.get(name)).toBe(value);
    expect(response.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
    // The served build runs with NODE_ENV=production; browsers ignore HSTS over plain http.
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax at sign-in (Secure only when NEXTAUTH_URL is https)", async () => {
    const { response } = await signInOverHttp(clinician.email, DEMO_PASSWORD);
    const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
    expect(session).toBeDefined();
    const attributes = session!.split(";").slice(1).map((attribute) => attribute.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    // This server's NEXTAUTH_URL is http://127.0.0.1: next-auth names the cookie __Secure- and adds Secure only for https.
    expect(attributes).not.toContain("secure");
  });
});

describe("the pages under the Content-Security-Policy in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let violations: string[];
  let consoleProblems: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    context = await browser.newContext();
    violations = [];
    consoleProblems = [];
    // Reported through a binding, so that violations survive the navigations between pages.
    await context.exposeBinding("__reportCspViolation", (_source, violation: string) => {
      violations.push(violation);
    });
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const report = (window as unknown as { __reportCspViolation: (violation: string) => void }).__reportCspViolation;
        void report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") consoleProblems.push(message.text());
    });
    page.on("pageerror", (error) => consoleProblems.push(error.message));
  });
  afterEach(() => context.close());

  it("signs in, visits every page, signs out, and the browser reports no CSP violation or console error", async () => {
    const { sessionCookie } = await signInOverHttp(clinician.email, DEMO_PASSWORD);
    const familyName = `Checked-${randomUUID().slice(0, 8)}`;
    const patient = await createPatient(sessionCookie!, { givenName: "Csp", familyName });
    const referral = await sendReferral(sessionCookie!, patient.id);

    await signInThroughForm(page, clinician.email, DEMO_PASSWORD);
    await page.getByTestId("viewer-name").waitFor();
    await page.getByRole("heading", { level: 1, name: `Welcome, ${clinician.name}` }).waitFor();

    await page.goto(url("/patients"));
    await page.getByRole("heading", { level: 1, name: "Patients" }).waitFor();
    // Typing into the search runs client code and a GraphQL request (connect-src).
    await page.getByLabel("Search by name or medical record number").fill(familyName);
    await page.getByRole("link", { name: new RegExp(familyName) }).click();
    await page.getByRole("heading", { level: 1, name: `Csp ${familyName}` }).waitFor();

    await page.goto(url(`/patients/${patient.id}/referrals/new`));
    await page.getByRole("checkbox", { name: "Self-care", exact: true }).check();
    await expect.poll(() => page.getByTestId("recommendation").textContent()).toBe("Occupational therapy");

    await page.goto(url("/referrals"));
    await page.getByRole("table").waitFor();

    await page.goto(url(`/referrals/${referral.id}`));
    await page.getByRole("heading", { level: 1, name: /^Referral for Csp / }).waitFor();

    await page.goto(url("/my-referrals"));
    await page.getByRole("heading", { level: 2, name: "Updates from the services" }).waitFor();

    // An address that matches no page gets Next's not-found page, which must run under the policy too.
    const problemsBefore = consoleProblems.length;
    const missing = await page.goto(url("/no-such-page"));
    expect(missing?.status()).toBe(404);
    await page.getByRole("heading", { name: /404|not be found/i }).first().waitFor();
    // Chromium reports the page's own 404 status as a console error; that one is expected.
    expect(consoleProblems.splice(problemsBefore)).toEqual([expect.stringMatching(/status of 404/)]);

    await page.goto(url("/"));
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((address) => address.pathname === "/login");
    await page.getByRole("heading", { name: "Clinic referral portal" }).waitFor();

    expect(violations).toEqual([]);
    expect(consoleProblems).toEqual([]);
  });
});
