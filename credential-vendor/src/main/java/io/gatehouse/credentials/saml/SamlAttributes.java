package io.gatehouse.credentials.saml;

import static io.gatehouse.credentials.saml.SamlXml.ASSERTION;
import static io.gatehouse.credentials.saml.SamlXml.children;
import static io.gatehouse.credentials.saml.SamlXml.text;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * What a validated assertion says for AWS: the role and provider pairs of its
 * {@value SamlResponseValidator#ROLE_ATTRIBUTE} attribute and the session name of
 * {@value SamlResponseValidator#SESSION_NAME_ATTRIBUTE}. Blank values are skipped, the others
 * trimmed.
 */
final class SamlAttributes {
  private SamlAttributes() {}

  static List<SamlRole> roles(Element assertion) {
    List<SamlRole> roles = new ArrayList<>();
    for (String value : values(assertion, SamlResponseValidator.ROLE_ATTRIBUTE)) {
      roles.add(SamlRole.parse(value));
    }
    return roles;
  }

  /** The first session name, or null. */
  static String sessionName(Element assertion) {
    List<String> sessionNames = values(assertion, SamlResponseValidator.SESSION_NAME_ATTRIBUTE);
    return sessionNames.isEmpty() ? null : sessionNames.get(0);
  }

  /** Every attribute by name, its trimmed, non-blank values in order (an attribute given twice: both). */
  static java.util.Map<String, List<String>> all(Element assertion) {
    java.util.Map<String, List<String>> all = new java.util.LinkedHashMap<>();
    for (Element statement : children(assertion, ASSERTION, "AttributeStatement")) {
      for (Element attribute : children(statement, ASSERTION, "Attribute")) {
        List<String> values = all.computeIfAbsent(attribute.getAttribute("Name"), n -> new ArrayList<>());
        for (Element value : children(attribute, ASSERTION, "AttributeValue")) {
          String text = text(value);
          if (text != null && !text.isBlank()) {
            values.add(text.trim());
          }
        }
      }
    }
    return all;
  }

  private static List<String> values(Element assertion, String name) {
    List<String> values = new ArrayList<>();
    for (Element statement : children(assertion, ASSERTION, "AttributeStatement")) {
      for (Element attribute : children(statement, ASSERTION, "Attribute")) {
        if (name.equals(attribute.getAttribute("Name"))) {
          for (Element value : children(attribute, ASSERTION, "AttributeValue")) {
            String text = text(value);
            if (text != null && !text.isBlank()) {
              values.add(text.trim());
            }
          }
        }
      }
    }
    return values;
  }
}
