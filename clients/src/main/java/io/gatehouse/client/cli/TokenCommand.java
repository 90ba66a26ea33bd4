package io.gatehouse.client.cli;

import io.gatehouse.client.model.CreatedToken;
import io.gatehouse.client.model.TokenInfo;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "token", description = "Create, list and revoke your personal access tokens.")
final class TokenCommand {
  static final List<Output.Column<TokenInfo>> COLUMNS = List.of(
      Output.Column.of("TOKEN_ID", TokenInfo::tokenId),
      Output.Column.of("COMMENT", TokenInfo::comment),
      Output.Column.of("CREATED", t -> Output.time(t.creationTime())),
      Output.Column.of("EXPIRES", t -> Output.time(t.expiryTime())),
      Output.Column.of("LAST_USED", t -> Output.time(t.lastUsedTime())));

  @ParentCommand RootCommand root;

  @Command(name = "create", description = "Create a token; its value is shown this once.")
  void create(
      @Option(names = "--comment") String comment,
      @Option(names = "--lifetime-seconds", paramLabel = "N", description = "Default: no expiry.") Long lifetime) {
    CreatedToken created = root.client().tokens().create(comment, lifetime);
    Output out = root.output();
    if (out.format() == Output.Format.JSON) {
      out.json(created);
      return;
    }
    TokenInfo info = created.tokenInfo();
    out.table(List.of(
        new String[] {"token_value", created.tokenValue()},
        new String[] {"token_id", info == null ? "" : info.tokenId()},
        new String[] {"comment", info == null ? "" : Output.text(info.comment())},
        new String[] {"expires", info == null ? "" : Output.text(Output.time(info.expiryTime()))}));
  }

  @Command(name = "list", description = "List your tokens (without their values).")
  void list() {
    root.output().list(root.client().tokens().list(), COLUMNS);
  }

  @Command(name = "revoke", description = "Revoke one of your tokens at once.")
  void revoke(@Parameters(paramLabel = "TOKEN_ID") String tokenId) {
    root.client().tokens().revoke(tokenId);
    root.output().done("Revoked token " + tokenId + ".", Map.of("token_id", tokenId));
  }
}
