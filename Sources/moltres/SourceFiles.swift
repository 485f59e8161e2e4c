import Foundation
import Moltres

/// Reading and writing `.moltres` files for the commands.
enum SourceFiles {
    /// The bytes of `path`, or a failure that names the file and the reason.
    static func read(_ path: String) throws -> SourceText {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure("cannot read \(path): it is a directory")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return SourceText(bytes: [UInt8](data))
        } catch {
            throw CommandFailure("cannot read \(path): \(reason(error))")
        }
    }

    /// Replaces the contents of `path` atomically: the text goes to a temporary file in the same directory,
    /// which is then renamed over the original, so a reader never sees half a file.
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).moltres-fmt-\(getpid())")
        do {
            try Data(text.utf8).write(to: temporary)
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let permissions = attributes[.posixPermissions]
            {
                try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
            if rename(temporary.path, path) != 0 {
                let message = String(cString: strerror(errno))
                throw CommandFailure("cannot write \(path): \(message)")
            }
        } catch let error as CommandFailure {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure("cannot write \(path): \(reason(error))")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch error.code {
        case NSFileReadNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError: return "permission denied"
        default: return error.localizedDescription
        }
    }

    /// Writes `text` to standard error.
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
