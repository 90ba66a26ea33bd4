package io.gatehouse.server.signin;

import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The page a console sign-in ends on, whatever its method: either it hands the SIGN_IN token to
 * the browser tab (its session storage, where the console keeps a token typed in) and goes on to
 * the console page asked for, or it says clearly why the sign-in was refused. Never cached, never
 * framed, no script but its own.
 */
final class SignInPage {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SignInPage() {}

  static Response of(SignInCompletion.Outcome outcome, String tryAgain) {
    if (outcome.redirect() != null) {
      // A command-line sign-in: on to the CLI's loopback listener with its one-time code (CliSignIn).
      return Response.seeOther(java.net.URI.create(outcome.redirect())).header("Cache-Control", "no-store")
          .header("Referrer-Policy", "no-referrer").build();
    }
    String nonce = random(18);
    String body;
    if (outcome.token() == null) {
      body = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Sign-in refused</title>"
          + "<h1>Sign-in refused</h1><p id=\"refusal\">" + html(outcome.refusal()) + "</p>"
          + "<p><a href=\"" + html(tryAgain) + "\">Try again</a></p></html>";
    } else {
      // The token's value and the page are of restricted characters (Tokens, SignInCompletion.returnTo).
      body = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Signed in</title>"
          + "<p>Signed in as " + html(outcome.user()) + ".</p>"
          + "<script nonce=\"" + nonce + "\">sessionStorage.setItem('gatehouse.lineage.token', '" + outcome.token() + "');"
          + " location.replace('" + outcome.returnTo() + "');</script></html>";
    }
    return Response.status(outcome.status()).type("text/html; charset=utf-8").entity(body)
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY")
        .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; frame-ancestors 'none'")
        .build();
  }

  /** {@code bytes} random bytes, base64url without padding. */
  static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
