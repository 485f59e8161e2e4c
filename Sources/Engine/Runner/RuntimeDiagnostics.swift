extension DiagnosticCatalog {
    /// The codes of errors that only running a statement can raise, `MOL6xxx`: `moltres run`, the language server's
    /// run-query command and its prepare-on-the-database check report them.
    ///
    /// Each example compiles cleanly against ``exampleCatalog``; a test runs it on an in-memory SQLite database
    /// holding that catalog's tables and checks the code of the error.
    public static let runtime: [Entry] = [
        Entry(
            code: DiagnosticCode("MOL6001"), title: "The database refused the statement",
            example: "db.insert(\"orders\", [{\"id\": 1}, {\"id\": 1}])\n"),
        Entry(
            code: DiagnosticCode("MOL6002"), title: "Cannot connect to the database",
            example: "connect(\"sqlite:////no/such/directory/shop.db?mode=ro\")\ndb.table(\"orders\").collect()\n"),
    ]

    /// What each runtime code means, for the documentation page.
    static let runtimeExplanations: [DiagnosticCode: String] = [
        DiagnosticCode("MOL6001"):
            "The message is the database's own, with its code (SQLite extended code or PostgreSQL SQLSTATE); "
            + "the statement's writes are rolled back. The language server also prepares every query on the "
            + "database after an edit (without running it) and shows what the database rejects as MOL6001.",
        DiagnosticCode("MOL6002"):
            "A `connect(...)` URL, or the connection given with `--db`, that cannot be opened: no such file, a "
            + "server that does not answer, authentication failed. Passwords never appear in the message.",
    ]
}
