package io.gatehouse.server.lineage;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The steward's lineage page, {@code /ui/lineage/}: static files from
 * {@code META-INF/resources/ui/lineage} and the WebJars of Cytoscape and dagre, served without
 * credentials (they hold no data; the page sends the token its user enters with every API
 * call). Here: the bare path redirects to the folder; the headers of every page under {@code /ui/} are
 * set by the console's {@code ConsolePage}.
 */
@ApplicationScoped
public class LineagePage {
  static final String PATH = "/ui/lineage/";

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
}
