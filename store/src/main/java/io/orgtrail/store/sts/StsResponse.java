package io.orgtrail.store.sts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads STS's XML answers: the credentials of an AssumeRoleResponse, or the code and message of an ErrorResponse. */
final class StsResponse {
  private final Document document;

  private StsResponse(Document document) {
    this.document = document;
  }

  static StsResponse parse(byte[] xml) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // The answer comes over the network: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return new StsResponse(builder.parse(new ByteArrayInputStream(xml)));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("the STS answer is not XML (" + e.getMessage() + ")", e);
    }
  }

  TemporaryCredentials credentials() throws IOException {
    String expiration = required("Expiration");
    try {
      return new TemporaryCredentials(required("AccessKeyId"), required("SecretAccessKey"), required("SessionToken"),
          Instant.parse(expiration));
    } catch (DateTimeParseException e) {
      throw new IOException("the STS answer's Expiration '" + expiration + "' is not an ISO-8601 time", e);
    }
  }

  /** "Code: Message" of an error answer, or null when it is not one. */
  String error() {
    String code = text("Code");
    String message = text("Message");
    if (code == null && message == null) {
      return null;
    }
    return (code == null ? "" : code) + (message == null ? "" : ": " + message);
  }

  private String required(String element) throws IOException {
    String value = text(element);
    if (value == null || value.isEmpty()) {
      throw new IOException("the STS answer has no " + element);
    }
    return value;
  }

  private String text(String element) {
    NodeList nodes = document.getElementsByTagNameNS("*", element);
    if (nodes.getLength() == 0) {
      nodes = document.getElementsByTagName(element);
    }
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
