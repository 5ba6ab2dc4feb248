package io.oversight.signals;
public record SignalInput(String type, java.util.List<Message> messages, String proposedText, boolean hasSources, java.util.Map<String, Double> agentSignals) {
  public record Message(String role, String text) {}
}
