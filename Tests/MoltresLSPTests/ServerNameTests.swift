import Testing

@testable import MoltresLSP

@Test func serverNameIsMoltres() {
    #expect(serverName == "moltres")
}
