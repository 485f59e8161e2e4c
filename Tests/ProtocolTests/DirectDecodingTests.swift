import Foundation
import Testing

@testable import MoltresProtocol

/// The hand-written decoders give what `JSONValueDecoder` gives, and leave everything else to it.
@Suite struct DirectDecodingTests {
    private let uri = #""textDocument":{"uri":"file:///w/a%20b.moltres"}"#

    private func expectSameAsCodable<Value: JSONDirectDecodable & Equatable>(
        _ type: Value.Type, _ json: String
    )
        throws
    {
        let value = try JSONValue(parsing: json)
        let codable = try JSONValueDecoder().decode(Value.self, from: value)
        let direct = try #require(Value(directlyFrom: value), "\(json)")
        #expect(direct == codable, "\(json)")
        #expect(try Value.decode(from: value) == codable)
    }

    @Test func wellFormedParameters() throws {
        try expectSameAsCodable(HoverParams.self, #"{\#(uri),"position":{"line":3,"character":14}}"#)
        // Unknown members are ignored, as the Codable decoder does.
        try expectSameAsCodable(
            HoverParams.self, #"{"workDoneToken":"t",\#(uri),"position":{"character":0,"line":0,"x":[1]}}"#)
        try expectSameAsCodable(CompletionParams.self, #"{\#(uri),"position":{"line":1,"character":2}}"#)
        try expectSameAsCodable(
            CompletionParams.self, #"{\#(uri),"position":{"line":1,"character":2},"context":null}"#)
        try expectSameAsCodable(
            CompletionParams.self, #"{\#(uri),"position":{"line":1,"character":2},"context":{"triggerKind":1}}"#)
        try expectSameAsCodable(
            CompletionParams.self,
            #"{\#(uri),"position":{"line":1,"character":2},"context":{"triggerKind":2,"triggerCharacter":"."}}"#)
        try expectSameAsCodable(
            CompletionParams.self,
            #"{\#(uri),"position":{"line":1,"character":2},"context":{"triggerKind":2,"triggerCharacter":null}}"#)
    }

    @Test func unusualParametersGoToTheDecoder() throws {
        let unusual = [
            #"{\#(uri),"position":{"line":1.0,"character":2}}"#,  // an integral double: the decoder's call
            #"{\#(uri),"position":{"line":1}}"#,  // missing member: the decoder's error
            #"{"textDocument":{"uri":7},"position":{"line":1,"character":2}}"#,
            #"{\#(uri),"position":[1,2]}"#,
            #"{\#(uri),"position":{"line":1,"character":2},"context":{"triggerKind":"1"}}"#,
            #"{\#(uri),"position":{"line":1,"character":2},"context":{"triggerKind":1,"triggerCharacter":5}}"#,
            "null",
        ]
        for json in unusual {
            let value = try JSONValue(parsing: json)
            #expect(CompletionParams(directlyFrom: value) == nil, "\(json)")
            let codable = Result { try JSONValueDecoder().decode(CompletionParams.self, from: value) }
            let decoded = Result { try CompletionParams.decode(from: value) }
            switch (codable, decoded) {
            case (.success(let left), .success(let right)): #expect(left == right)
            case (.failure(let left), .failure(let right)): #expect("\(left)" == "\(right)")
            default: Issue.record("different outcomes for \(json)")
            }
        }
    }

    @Test func aReusedParserGivesWhatAFreshOneGives() throws {
        let parser = JSONParser()
        let inputs = [
            #"{"jsonrpc":"2.0","id":1,"method":"m","params":{"a":[1,2.5,"x",null,true]}}"#, "[1,", "{\"a\":1} x",
            #"{"big":123456789012345678901234567890}"#, "  7  ", "'single'", #"{"a":"\u0000"}"#,
            String(repeating: "[", count: 200) + String(repeating: "]", count: 200), "nul", #"{"ok":true}"#,
        ]
        for _ in 0..<2 {
            for input in inputs {
                let fresh = Result { try JSONValue(parsing: input) }
                var text = input
                let reused = Result {
                    try text.withUTF8 { try JSONValue(parsing: UnsafeRawBufferPointer($0), using: parser) }
                }
                switch (fresh, reused) {
                case (.success(let left), .success(let right)): #expect(left == right, "\(input)")
                case (.failure(let left), .failure(let right)): #expect("\(left)" == "\(right)", "\(input)")
                default: Issue.record("different outcomes for \(input)")
                }
            }
        }
    }
}

/// The Swift fast path reads what json-c reads, and gives up on everything json-c should decide.
@Suite struct JSONFastPathTests {
    private func compare(_ text: String, fast expectFast: Bool? = nil) throws {
        var copy = text
        try copy.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            let fast = JSONFastPath.parse(bytes)
            if let expectFast { #expect((fast != nil) == expectFast, "\(text)") }
            let jsonc = Result { try JSONValue.parsedWithJSONC(bytes) }
            if let fast {
                // What the fast path accepts, json-c accepts with the same value (and the same key order).
                let value = try #require(try? jsonc.get(), "json-c rejects \(text)")
                #expect(fast == value, "\(text)")
                #expect(fast.encodedBytes() == value.encodedBytes(), "\(text)")
            }
            // Through the public entry point: the same outcome as json-c alone.
            let public_ = Result { try JSONValue(parsing: bytes) }
            switch (public_, jsonc) {
            case (.success(let left), .success(let right)): #expect(left.encodedBytes() == right.encodedBytes())
            case (.failure(let left), .failure(let right)): #expect("\(left)" == "\(right)", "\(text)")
            default: Issue.record("different outcomes for \(text)")
            }
        }
    }

    @Test func wellFormedValues() throws {
        let valid = [
            #"{"jsonrpc":"2.0","id":12,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.moltres"},"position":{"line":3,"character":14}}}"#,
            #" [ 1 , -2 , 0 , -9223372036854775808 , 9223372036854775807 , 1.5 , -0.25 , 1e3 , 2E-2 , 6.02e+23 ] "#,
            #"{"e":"","esc":"\"\\\/\b\f\n\r\t","u":"\u00e9\u0041\ud83d\ude00","nul":"a\u0000b","raw":"é😀"}"#,
            #"[true,false,null,{},[],{"a":{"b":{"c":[[[]]]}}}]"#, "\"top\"", "42", "\t\r\n null \n",
            String(repeating: "[", count: 20) + String(repeating: "]", count: 20),
        ]
        for text in valid { try compare(text, fast: true) }
    }

    @Test func everythingElseGoesToJSONC() throws {
        let others = [
            "", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "'s'", "[01]", "[-]", "[1.]", "[.5]", "[1e]",
            "[+1]", "[-0]", "[NaN]", "[Infinity]", "[1e400]", "[12345678901234567890]", "[-9223372036854775809]",
            "[tru]", "[nulll]", "{\"a\":1} x", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\ud800\"]", "[\"\\udc00x\"]",
            "[\"a\u{1}b\"]", "[\"tab\there\"]", "{\"a\":1,\"a\":2}", "[1]\u{0}", "/* c */ 1", "[1] // c",
            String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
            String(repeating: "[", count: 200) + String(repeating: "]", count: 200),
        ]
        for text in others { try compare(text, fast: false) }
        // Invalid UTF-8 inside a string.
        let bytes: [UInt8] = Array("[\"a".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        bytes.withUnsafeBytes { buffer in
            #expect(JSONFastPath.parse(buffer) == nil)
            #expect(throws: JSONError.self) { try JSONValue(parsing: buffer) }
        }
    }
}
