import Testing

@testable import MoltresProtocol

@Test func speaksLSP317() {
    #expect(lspVersion == "3.17")
}
