package io.oversight.audit;

@LedgerOnH2
class LedgerAppendH2Test extends LedgerAppendContract {}
