package io.oversight.audit;

@LedgerOnH2
class LedgerTamperH2Test extends LedgerContract {}
