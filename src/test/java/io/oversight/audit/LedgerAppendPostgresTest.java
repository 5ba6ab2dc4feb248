package io.oversight.audit;

@LedgerOnPostgres
class LedgerAppendPostgresTest extends LedgerAppendContract {}
