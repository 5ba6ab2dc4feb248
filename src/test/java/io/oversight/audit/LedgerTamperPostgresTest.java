package io.oversight.audit;

@LedgerOnPostgres
class LedgerTamperPostgresTest extends LedgerContract {}
