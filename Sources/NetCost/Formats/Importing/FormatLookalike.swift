// netcost — Apache-2.0

/// Recognises files of well-known model formats by their signatures, to
/// name what a file looks like when no registered importer claims it
/// ("it looks like a TensorFlow Lite model"). Only used for messages: a
/// format is read by its ``ModelImporter``, never by this.
public enum FormatLookalike {
  /// What the probed file looks like, for a message; nil when unknown.
  public static func describe(_ probe: FileProbe) -> String? {
    let h = probe.head
    let ext = probe.fileExtension
    if probe.isDirectory { return "a directory (give a model file inside it)" }
    if h.starts(with: [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]) { return "an HDF5 file (a Keras .h5 model?)" }
    if h.count >= 8, Array(h[4..<8]) == Array("TFL3".utf8) { return "a TensorFlow Lite model" }
    if h.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      switch ext {
      case "keras": return "a Keras .keras archive"
      case "pt", "pth", "bin", "ckpt": return "a PyTorch checkpoint (a zip of pickles)"
      default: return "a zip archive"
      }
    }
    if h.first == 0x80, ["pt", "pth", "pkl", "bin", "ckpt"].contains(ext) {
      return "a Python pickle (a PyTorch checkpoint?)"
    }
    if ext == "safetensors" { return "a safetensors weight file (weights, no architecture)" }
    if ext == "pb" || ext == "pbtxt" { return "a TensorFlow graph (SavedModel or frozen graph)" }
    if ext == "tflite" { return "a TensorFlow Lite model" }
    if ext == "mlmodel" || ext == "mlpackage" { return "a Core ML model" }
    guard probe.looksLikeText, let text = probe.text else { return nil }
    let body = String(String.UnicodeScalarView(text.unicodeScalars.prefix(16_384)))
    if ext == "cfg" || firstSection(body).map({ ["net", "network"].contains($0) }) == true {
      return "a Darknet .cfg"
    }
    if ext == "prototxt" || body.contains("layer {") || body.contains("layers {") { return "a Caffe .prototxt" }
    if body.contains("\"model_type\"") { return "a Hugging Face transformers config.json" }
    if body.contains("\"class_name\"") && (body.contains("\"keras_version\"") || body.contains("\"config\"")) {
      return "a Keras model JSON (model.to_json())"
    }
    return nil
  }

  /// The name of the first `[section]` of an INI-like text, skipping blank
  /// lines and `#`/`;` comments.
  static func firstSection(_ text: String) -> String? {
    for line in text.split(whereSeparator: \.isNewline) {
      let t = line.drop { $0 == " " || $0 == "\t" }
      if t.isEmpty || t.hasPrefix("#") || t.hasPrefix(";") { continue }
      guard t.hasPrefix("["), let close = t.firstIndex(of: "]") else { return nil }
      return String(t[t.index(after: t.startIndex)..<close]).lowercased()
    }
    return nil
  }
}
