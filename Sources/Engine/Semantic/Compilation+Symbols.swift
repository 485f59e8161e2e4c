extension Compilation {
    /// Every symbol the checker resolved, with the range where it occurs, in the order it met them: a binding at
    /// its definition and at each use, table and column names (the text inside their quotes), `F` functions,
    /// methods and DataFrame steps. Names the checker could not resolve have no entry (they have a diagnostic).
    ///
    /// The editor colours names from it (semantic tokens) in one pass rather than one ``symbol(at:)`` per token.
    public var symbolOccurrences: [(range: ByteRange, symbol: SemanticSymbol)] {
        facts.symbols.map { ($0.range, $0.symbol) }
    }
}
