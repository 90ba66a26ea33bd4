package io.gatehouse.server.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The steward's console, {@code /ui/}: static files from {@code META-INF/resources/ui} (plain
 * JavaScript modules and CSS, no build step) and the WebJars the lineage view draws with, served
 * without credentials: they hold no data, and the page sends the token its user signs in with on
 * every API call, so it shows only what the API gives that caller. Here: the bare path redirects
 * to the folder, and every page under {@code /ui/} forbids scripts and connections to anywhere but
 * this server, inline scripts, and framing by other sites.
 */
@ApplicationScoped
public class ConsolePage {
  public static final String PATH = "/ui/";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  void redirect(@Observes Router router) {
    // A Vert.x route path matches with and without a trailing slash: only the bare path redirects.
    router.get("/ui").handler(ctx -> {
      if (ctx.request().path().equals("/ui")) {
        ctx.redirect(PATH);
      } else {
        ctx.next();
      }
    });
  }

  void headers(@Observes Filters filters) {
    filters.register(ctx -> {
      String path = ctx.normalizedPath();
      if (path != null && (path.equals("/ui") || path.startsWith(PATH))) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Referrer-Policy", "no-referrer")
            .putHeader("Cache-Control", "no-cache");
      }
      ctx.next();
    }, 10);
  }
}
