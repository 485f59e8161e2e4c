import Foundation
import Testing

@testable import Moltres

/// The digests the SQLite functions compute, on messages of one, two and several 64-byte blocks (a message of 56
/// bytes or more pads to two blocks: the second block was read past its end, which stopped the process).
@Suite struct DigestTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func knownVectors() {
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(twoBlocks.count == 56)
        #expect(Self.hex(Digest.md5(twoBlocks)) == "8215ef0796a20bcaaae116d3876c664a")
        #expect(Self.hex(Digest.sha1(twoBlocks)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(
            Self.hex(Digest.sha256(twoBlocks)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let several = Array(String(repeating: "é", count: 100).utf8)
        #expect(Self.hex(Digest.md5(several)) == "79bbe93f2c285420f1df88f98c509608")
        #expect(Self.hex(Digest.sha1(several)) == "d36996f848713315ec67cbe1d3ee9fa2067405de")
        #expect(
            Self.hex(Digest.sha256(several)) == "f42ec48e1e4b487e590e0b3d4e58437c8327efa855d769709f4942a4f73a7eb6")
        #expect(Digest.crc32(several) == 3_803_191_803)
        #expect(Self.hex(Digest.sha1([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    /// Every length from 0 to 200 bytes digests without stopping, and each length gives its own digest.
    @Test func everyLength() {
        var seen = Set<String>()
        for length in 0...200 {
            let message = [UInt8](repeating: 0x61, count: length)
            seen.insert(
                Self.hex(Digest.md5(message)) + Self.hex(Digest.sha1(message)) + Self.hex(Digest.sha256(message)))
        }
        #expect(seen.count == 201)
    }
}
