import Testing

@testable import Moltres

/// The binder copies, passes and returns a `Value` at every step of a chain; its rare large cases are boxed so
/// that it stays as small as a frame (a plan, its columns, their origins and a flag).
@Suite struct ValueLayoutTests {
    @Test func valueIsNoLargerThanAFrameAndItsTag() {
        #expect(MemoryLayout<Value>.size <= MemoryLayout<Frame>.size + 1)
        // 26 bytes lower to three words and a 16-bit tag: four scalars, which Swift passes and returns in
        // registers (73 bytes went through memory, with outlined copies).
        #expect(MemoryLayout<Value>.size <= 26)
    }

    @Test func boxedCasesKeepTheirPayloads() {
        let frame = Frame(plan: .scan(TableReference("orders")), columns: [], origins: .none, isComplete: true)
        let grouped = Value.grouped(
            Grouped(frame: frame, keys: [.column(ColumnReference("status"))], keyColumns: [], keyOrigins: .none))
        guard case .grouped(let copy) = grouped else {
            Issue.record("not a grouped value")
            return
        }
        #expect(copy.keys == [.column(ColumnReference("status"))])
        #expect(copy.frame.plan == .scan(TableReference("orders")))
        let writer = Value.writer(frame, mode: "append")
        guard case .writer(_, let mode) = writer else {
            Issue.record("not a writer")
            return
        }
        #expect(mode == "append")
        #expect(Value.database(target: "sqlite:///x.db").kind == .database)
    }
}
