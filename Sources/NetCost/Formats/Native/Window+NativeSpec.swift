// netcost — Apache-2.0

extension Window {
  /// Reads `kernel`, `stride`, `dilation`, `pad` and (when allowed) `ceil_mode`.
  /// `defaultStrideIsKernel` makes stride default to the kernel (pooling).
  public static func read(_ a: Attributes, defaultStrideIsKernel: Bool = false, allowCeil: Bool = false) throws
    -> Window
  {
    guard let kernel = try a.axisValues("kernel") else {
      throw a.missing("kernel", "an integer or one per spatial axis")
    }
    let stride =
      try a.axisValues("stride", defaultText: defaultStrideIsKernel ? "the kernel" : "1")
      ?? (defaultStrideIsKernel ? kernel : .all(1))
    let dilation = try a.axisValues("dilation", defaultText: "1") ?? .all(1)
    let padding = try Padding.read(a)
    let ceil = allowCeil ? try a.bool("ceil_mode", default: false) : false
    return Window(kernel: kernel, stride: stride, dilation: dilation, padding: padding, ceilMode: ceil)
  }
}
