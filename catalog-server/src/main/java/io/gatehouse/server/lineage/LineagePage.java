package io.gatehouse.server.lineage;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The steward's lineage page, {@code /ui/lineage/}: static files from
 * {@code META-INF/resources/ui/lineage} and the WebJars of Cytoscape and dagre, served without
 * credentials (they hold no data; the page sends the token its user enters with every API
 * call). Here: the bare path redirects to the folder, and the page's responses forbid scripts
 * from anywhere but this server and framing by other sites.
 */
@ApplicationScoped
public class LineagePage {
  static final String PATH = "/ui/lineage/";
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  void redirect(@Observes Router router) {
    // A Vert.x route path matches with and without a trailing slash: only the bare path redirects.
    router.get("/ui/lineage").handler(ctx -> {
      if (ctx.request().path().equals("/ui/lineage")) {
        ctx.redirect(PATH);
      } else {
        ctx.next();
      }
    });
  }

  void headers(@Observes Filters filters) {
    filters.register(ctx -> {
      String path = ctx.normalizedPath();
      if (path != null && path.startsWith(PATH)) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Referrer-Policy", "no-referrer");
      }
      ctx.next();
    }, 10);
  }
}
