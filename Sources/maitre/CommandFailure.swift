/// A command that was used correctly but could not do its job (a missing file, an unreadable
/// database). ArgumentParser prints it as one `Error: ...` line on stderr and exits 1, without
/// the usage screen, which stays for misuse of arguments (`ValidationError`, exit 64).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
