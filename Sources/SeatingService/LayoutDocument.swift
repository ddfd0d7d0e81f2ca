import MaitreJSON
import Seating
import SeatingStore

extension LegacyLayoutReader {
    /// Layouts that stores before `StoredLayoutFormat` 1 kept as the protocol's layout document
    /// (`layout.get` text), read back with the decoding of `layout.put`.
    public static let protocolDocument = LegacyLayoutReader { text in
        let value = try JSONParser.parse(Array(text.utf8))
        return try LayoutDecoding.decode(try Fields(value))
    }
}
