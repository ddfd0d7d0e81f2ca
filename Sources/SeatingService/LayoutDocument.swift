import Seating
import SeatingStore

extension LayoutCodec {
    /// Layouts stored as the protocol's layout document (`layout.get` text), read back with the
    /// same decoding and validation as `layout.put`.
    public static let document = LayoutCodec(
        encode: { layout in JSONWriter.string(Encode.layout(layout)) },
        decode: { text in
            let value = try JSONParser.parse(Array(text.utf8))
            return try LayoutDecoding.decode(try Fields(value))
        })
}
