package io.gatehouse.client.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * Where the command finds its server and credential: the {@code --host} and {@code --token}
 * flags, else {@code GATEHOUSE_HOST} and {@code GATEHOUSE_TOKEN}, else the config file that
 * {@code gatehouse login} writes ({@code ~/.gatehouse/config}, or {@code GATEHOUSE_CONFIG}).
 */
public final class Settings {
  public static final String DEFAULT_HOST = "http://127.0.0.1:8080";
  public static final String HOST_ENV = "GATEHOUSE_HOST";
  public static final String TOKEN_ENV = "GATEHOUSE_TOKEN";
  public static final String CONFIG_ENV = "GATEHOUSE_CONFIG";

  /** A value and where it came from, for messages. */
  public record Value(String value, String source) {}

  private final Terminal terminal;

  public Settings(Terminal terminal) {
    this.terminal = terminal;
  }

  public Path configFile() {
    String override = terminal.env().get(CONFIG_ENV);
    return override != null && !override.isBlank()
        ? Path.of(override) : terminal.home().resolve(".gatehouse").resolve("config");
  }

  public Value host(String flag) {
    Value v = resolve(flag, "--host", HOST_ENV, "host");
    return v != null ? v : new Value(DEFAULT_HOST, "default");
  }

  /** Null when no token is given anywhere. */
  public Value token(String flag) {
    return resolve(flag, "--token", TOKEN_ENV, "token");
  }

  private Value resolve(String flag, String flagName, String env, String key) {
    if (flag != null && !flag.isBlank()) {
      return new Value(flag.strip(), flagName);
    }
    String fromEnv = terminal.env().get(env);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Value(fromEnv.strip(), env);
    }
    String fromFile = readConfig().getProperty(key);
    return fromFile != null && !fromFile.isBlank() ? new Value(fromFile.strip(), configFile().toString()) : null;
  }

  public Properties readConfig() {
    Properties p = new Properties();
    Path file = configFile();
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new CliException("Cannot read " + file + ": " + e.getMessage());
      }
    }
    return p;
  }

  /**
   * Writes host and token to the config file, readable by its owner only: the folder is created
   * 700 and the file is written 600 under another name, then moved over the old one.
   */
  public Path writeConfig(String host, String token) {
    Path file = configFile().toAbsolutePath();
    Properties p = readConfig();
    p.setProperty("host", host);
    p.setProperty("token", token);
    try {
      Path dir = file.getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path tmp = Files.createTempFile(dir, ".config", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Writer text = new StringWriter();
      p.store(text, "gatehouse CLI: written by 'gatehouse login'");
      Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException | UnsupportedOperationException e) {
      throw new CliException("Cannot write " + file + ": " + e.getMessage());
    }
  }
}
