package io.oversight.signals;
// TEMPORARY STUB until the real detector lands
@org.springframework.stereotype.Component
public class SignalDetector {
  public SignalReport detect(SignalInput input) {
    var m = new java.util.LinkedHashMap<String, Signal>();
    for (String n : Signals.ALL) {
      double s = input.agentSignals() == null ? 0 : input.agentSignals().getOrDefault(n, 0.0);
      if (n.equals(Signals.MISSING_CONTEXT) && "REPLY".equals(input.type()) && !input.hasSources()) s = 1.0;
      m.put(n, new Signal(n, s, java.util.List.of(), n + " " + s));
    }
    return new SignalReport(m);
  }
}
