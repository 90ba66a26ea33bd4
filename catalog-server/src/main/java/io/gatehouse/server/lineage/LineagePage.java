package io.gatehouse.server.lineage;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The address of the older lineage page, {@code /ui/lineage} and anything under it, now leads to
 * the console's lineage view ({@code /ui/#/lineage}), which replaced the page: bookmarks and the
 * links of earlier releases keep working. The redirect holds no data and needs no credentials.
 */
@ApplicationScoped
public class LineagePage {
  static final String CONSOLE_LINEAGE = "/ui/#/lineage";

  void redirect(@Observes Router router) {
    router.routeWithRegex(HttpMethod.GET, "/ui/lineage(/.*)?").handler(ctx -> ctx.redirect(CONSOLE_LINEAGE));
  }
}
