package io.oversight.escalation;

import io.oversight.web.InvalidRequestException;
import io.oversight.web.InvalidRequestException.FieldProblem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Rule replay evaluates DMN that a support lead posts, so it may run FEEL and nothing else: FEEL has
 * no access to Java, while JUEL and script languages (javascript, groovy, …) do. Two locks: a
 * candidate naming any other expression language anywhere (definitions, input expressions, input
 * and output entries, literal expressions) is refused before it is parsed, naming each element;
 * and the replay's own DMN engine defaults every expression to FEEL and has no JUEL provider and no
 * script engines at all, so nothing that slipped past the check could run.
 */
final class FeelOnlyDmn {

    /** The names the DMN engine accepts for FEEL (DefaultDmnEngineConfiguration's constants). */
    static final Set<String> FEEL = Set.of(
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

    private FeelOnlyDmn() {}

    /** A DMN engine that evaluates FEEL only: JUEL and scripts fail with an exception instead of running. */
    static DmnEngine engine() {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        String feel = DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE;
        configuration.defaultInputExpressionExpressionLanguage(feel)
                .defaultInputEntryExpressionLanguage(feel)
                .defaultOutputEntryExpressionLanguage(feel)
                .defaultLiteralExpressionLanguage(feel)
                // the process engine's FEEL, parsing each expression once: a replay evaluates one table many times
                .feelEngineFactory(new CachedFeelEngineFactory(List::of))
                .elProvider(expression -> {
                    throw new IllegalStateException("JUEL is not evaluated here; rules run FEEL only");
                })
                .scriptEngineResolver(language -> {
                    throw new IllegalStateException("Script language " + language + " is not evaluated here; rules run FEEL only");
                });
        return configuration.buildEngine();
    }

    /** Refuses (400, field dmnXml) a candidate that is not plain XML or names a non-FEEL expression language. */
    static void check(String dmnXml) {
        Element root = parse(dmnXml);
        List<FieldProblem> problems = new ArrayList<>();
        visit(root, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static void visit(Element element, List<FieldProblem> problems) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            if (name.toLowerCase(Locale.ROOT).endsWith("expressionlanguage") && !isFeel(attribute.getValue())) {
                String id = element.getAttribute("id");
                problems.add(new FieldProblem("dmnXml", "<" + element.getLocalName() + (id.isEmpty() ? "" : " id=\"" + id + "\"")
                        + "> uses expressionLanguage \"" + attribute.getValue() + "\"; candidates may use FEEL only"));
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                visit(childElement, problems);
            }
        }
    }

    private static boolean isFeel(String language) {
        String trimmed = language.trim();
        return FEEL.stream().anyMatch(trimmed::equalsIgnoreCase);
    }

    /** Plain XML only: no DTD, no external entities (the candidate comes from a person, over the network). */
    private static Element parse(String dmnXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(dmnXml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (SAXException e) {
            throw InvalidRequestException.of("dmnXml", "is not well-formed XML without a DTD: " + e.getMessage());
        } catch (ParserConfigurationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
