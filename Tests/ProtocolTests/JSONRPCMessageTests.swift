import Testing

@testable import MoltresProtocol

/// Parses `body` and checks the classification against `expected` (a message or the error code and id).
private func check(_ body: String, _ expected: Message) {
    switch Message.parse(Array(body.utf8)) {
    case .success(let message): #expect(message == expected)
    case .failure(let error): Issue.record("\(body): \(error.error)")
    }
}

private func checkError(_ body: String, code: Int, id: RequestID? = nil) {
    switch Message.parse(Array(body.utf8)) {
    case .success(let message): Issue.record("\(body) parsed as \(message)")
    case .failure(let error):
        #expect(error.error.code == code, "\(body): \(error.error)")
        #expect(error.id == id, "\(body)")
        // The error response always carries the id, or null.
        let response = error.response.jsonValue
        #expect(response["id"] == (id?.jsonValue ?? .null))
        #expect(response["error"]?["code"] == .integer(Int64(code)))
    }
}

@Test func classifiesValidMessages() {
    check(
        #"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"a":1}}"#,
        .request(id: .integer(1), method: "textDocument/hover", params: ["a": 1]))
    check(
        #"{"jsonrpc":"2.0","id":"x","method":"shutdown"}"#, .request(id: .string("x"), method: "shutdown", params: nil))
    check(#"{"jsonrpc":"2.0","method":"exit"}"#, .notification(method: "exit", params: nil))
    check(#"{"jsonrpc":"2.0","id":3,"result":null}"#, .response(id: .integer(3), result: .success(.null)))
    check(
        #"{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"no"}}"#,
        .response(id: .integer(4), result: .failure(ResponseError(code: -32601, message: "no"))))
    check(
        #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#,
        .response(id: nil, result: .failure(ResponseError(code: -32700, message: "bad"))))
}

@Test func classifiesInvalidMessages() {
    checkError("{", code: ResponseError.parseError)
    checkError("", code: ResponseError.parseError)
    checkError(#"{"jsonrpc":"2.0","id":1,"method":"x""#, code: ResponseError.parseError)
    checkError(#"{"id":1,"method":"x"}"#, code: ResponseError.invalidRequest, id: .integer(1))
    checkError(#"{"jsonrpc":"1.0","id":1,"method":"x"}"#, code: ResponseError.invalidRequest, id: .integer(1))
    checkError(#"{"jsonrpc":"2.0","id":true,"method":"x"}"#, code: ResponseError.invalidRequest)
    checkError(#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#, code: ResponseError.invalidRequest)
    checkError(#"{"jsonrpc":"2.0","id":1,"method":7}"#, code: ResponseError.invalidRequest, id: .integer(1))
    checkError(
        #"{"jsonrpc":"2.0","id":1,"method":"x","params":3}"#, code: ResponseError.invalidRequest, id: .integer(1))
    checkError(#"[{"jsonrpc":"2.0","id":1,"method":"x"}]"#, code: ResponseError.invalidRequest)
    checkError("[]", code: ResponseError.invalidRequest)
    checkError("42", code: ResponseError.invalidRequest)
    checkError(#"{"jsonrpc":"2.0"}"#, code: ResponseError.invalidRequest)
    checkError(#"{"jsonrpc":"2.0","id":1}"#, code: ResponseError.invalidRequest, id: .integer(1))
    checkError(#"{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"x"}}"#, code: -32600, id: .integer(1))
}

@Test func encodesMessages() {
    #expect(
        Message.request(id: .integer(1), method: "m", params: ["k": "v"]).jsonValue.encodedString()
            == #"{"jsonrpc":"2.0","id":1,"method":"m","params":{"k":"v"}}"#)
    #expect(
        Message.notification(method: "exit", params: nil).jsonValue.encodedString()
            == #"{"jsonrpc":"2.0","method":"exit"}"#)
    #expect(
        Message.response(id: .string("a"), result: .success(.null)).jsonValue.encodedString()
            == #"{"jsonrpc":"2.0","id":"a","result":null}"#)
    #expect(
        Message.response(id: nil, result: .failure(.parseError("bad"))).jsonValue.encodedString()
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#)
}

@Test func errorCodesMatchTheSpecification() {
    let codes: [(Int, Int)] = [
        (ResponseError.parseError, -32700), (ResponseError.invalidRequest, -32600),
        (ResponseError.methodNotFound, -32601), (ResponseError.invalidParams, -32602),
        (ResponseError.internalError, -32603), (ResponseError.serverNotInitialized, -32002),
        (ResponseError.unknownErrorCode, -32001), (ResponseError.requestFailed, -32803),
        (ResponseError.serverCancelled, -32802), (ResponseError.contentModified, -32801),
        (ResponseError.requestCancelled, -32800),
    ]
    for (actual, expected) in codes { #expect(actual == expected) }
}
