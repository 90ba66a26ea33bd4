package io.gatehouse.credentials.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The XML side of SAML validation: a parser that refuses DOCTYPEs and external entities, the
 * check that every ID is unique (and known to the DOM as an ID, which signature references
 * resolve against), and strict DOM navigation: a child that occurs twice where SAML allows one is
 * an error, not a choice between the two.
 */
final class SamlXml {
  static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

  private SamlXml() {}

  static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }
      });
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no secure XML parser available", e);
    } catch (SAXException | IOException e) {
      throw new SamlValidationException("it is not well-formed XML without a DOCTYPE");
    }
  }

  /** Every ID attribute value occurs once, and the SAML elements' IDs are known to the DOM as IDs. */
  static void checkUniqueIds(Document document) {
    Set<String> seen = new HashSet<>();
    NodeList elements = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < elements.getLength(); i++) {
      Element e = (Element) elements.item(i);
      if (e.hasAttributeNS(null, "ID")) {
        if (!seen.add(e.getAttributeNS(null, "ID"))) {
          throw new SamlValidationException("an ID occurs twice");
        }
        e.setIdAttributeNS(null, "ID", true);
      }
    }
  }

  static Instant instant(Element element, String attribute) {
    if (!element.hasAttribute(attribute)) {
      return null;
    }
    String value = element.getAttribute(attribute).trim();
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new SamlValidationException(attribute + " is not an xs:dateTime with a time zone");
    }
  }

  static boolean is(Node node, String namespace, String localName) {
    return node instanceof Element && namespace.equals(node.getNamespaceURI()) && localName.equals(node.getLocalName());
  }

  static Element child(Element parent, String namespace, String localName) {
    List<Element> found = children(parent, namespace, localName);
    if (found.size() > 1) {
      throw new SamlValidationException("element " + localName + " occurs more than once");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (is(n, namespace, localName)) {
        result.add((Element) n);
      }
    }
    return result;
  }

  static String text(Element element) {
    return element == null ? null : element.getTextContent();
  }
}
