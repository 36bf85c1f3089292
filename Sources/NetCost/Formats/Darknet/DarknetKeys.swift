// netcost — Apache-2.0

/// The keys AlexeyAB/darknet's `src/parser.c` reads in each section, so a
/// misspelled or foreign key is an error (darknet itself only prints
/// "Unused field" and goes on). Most of them are training settings netcost
/// accepts and ignores; the importer reads the ones that shape the network.
enum DarknetKeys {
  /// Keys darknet reads in every layer section (`parse_network_cfg_custom`).
  static let common: Set<String> = [
    "clip", "onlyforward", "dont_update", "burnin_update", "stopbackward", "train_only_bn", "dontload",
    "dontloadscales", "learning_rate",
  ]

  /// `[net]` / `[network]` (`parse_net_options` and `show_receptive_field`).
  static let net: Set<String> = [
    "max_batches", "batch", "learning_rate", "learning_rate_min", "sgdr_cycle", "sgdr_mult", "momentum", "decay",
    "subdivisions", "time_steps", "track", "augment_speed", "sequential_subdivisions", "try_fix_nan",
    "weights_reject_freq", "equidistant_point", "badlabels_rejection_percentage", "num_sigmas_reject_badlabels",
    "ema_alpha", "use_cuda_graph", "loss_scale", "dynamic_minibatch", "optimized_memory", "workspace_size_limit_MB",
    "adam", "B1", "B2", "eps", "height", "width", "channels", "inputs", "max_crop", "min_crop", "flip", "blur",
    "gaussian_noise", "mixup", "cutmix", "mosaic", "letter_box", "mosaic_bound", "contrastive",
    "contrastive_jit_flip", "contrastive_color", "unsupervised", "label_smooth_eps", "resize_step", "attention",
    "adversarial_lr", "max_chart_loss", "angle", "aspect", "saturation", "exposure", "hue", "power", "policy",
    "burn_in", "step", "scale", "steps", "scales", "seq_scales", "gamma", "show_receptive_field",
  ]

  /// Layer sections netcost maps, by darknet's section names (aliases
  /// included), with the keys darknet reads there besides ``common``.
  static let layers: [String: Set<String>] = [
    "convolutional": convolutional, "conv": convolutional,
    "connected": ["output", "activation", "batch_normalize"],
    "conn": ["output", "activation", "batch_normalize"],
    "local": ["filters", "size", "stride", "pad", "activation"],
    "maxpool": maxpool, "max": maxpool,
    "local_avgpool": ["stride", "stride_x", "stride_y", "size", "padding"],
    "local_avg": ["stride", "stride_x", "stride_y", "size", "padding"],
    "avgpool": [], "avg": [],
    "dropout": ["probability", "dropblock", "dropblock_size_rel", "dropblock_size_abs"],
    "softmax": ["groups", "temperature", "tree", "spatial", "noloss"],
    "soft": ["groups", "temperature", "tree", "spatial", "noloss"],
    "route": ["layers", "groups", "group_id", "stream", "wait_stream"],
    "shortcut": ["activation", "weights_type", "weights_normalization", "from", "alpha", "beta"],
    "scale_channels": ["from", "scale_wh", "activation"],
    "sam": ["from", "activation"],
    "upsample": ["stride", "scale"],
    "reorg": ["stride", "reverse"],
    "reorg3d": ["stride", "reverse"],
    "crop": ["crop_height", "crop_width", "flip", "angle", "saturation", "exposure", "noadjust", "shift"],
    "cost": ["type", "scale", "ratio"],
    "activation": ["activation"],
    "batchnorm": [],
    "empty": [], "silence": [],
    "yolo": yolo,
    "Gaussian_yolo": [
      "classes", "max", "num", "mask", "max_delta", "counters_per_class", "label_smooth_eps", "scale_x_y",
      "objectness_smooth", "uc_normalizer", "iou_normalizer", "obj_normalizer", "cls_normalizer", "delta_normalizer",
      "iou_loss", "iou_thresh_kind", "beta_nms", "nms_kind", "yolo_point", "jitter", "resize", "ignore_thresh",
      "truth_thresh", "iou_thresh", "random", "map", "anchors",
    ],
    "region": [
      "coords", "classes", "num", "max", "log", "sqrt", "softmax", "focal_loss", "jitter", "resize", "rescore",
      "thresh", "classfix", "absolute", "random", "coord_scale", "object_scale", "noobject_scale", "mask_scale",
      "class_scale", "bias_match", "tree", "map", "anchors",
    ],
    "detection": [
      "coords", "classes", "rescore", "num", "side", "softmax", "sqrt", "max", "coord_scale", "forced",
      "object_scale", "noobject_scale", "class_scale", "jitter", "resize", "random", "reorg",
    ],
  ]

  /// Sections darknet knows that netcost does not map (recurrent and
  /// training-only layers): an error that says so, not "unknown".
  static let unsupported: Set<String> = [
    "rnn", "gru", "lstm", "crnn", "conv_lstm", "history", "contrastive", "implicit", "lrn", "normalization",
  ]

  private static let convolutional: Set<String> = [
    "filters", "groups", "size", "stride", "stride_x", "stride_y", "dilation", "antialiasing", "pad", "padding",
    "activation", "assisted_excitation", "share_index", "batch_normalize", "cbn", "binary", "xnor", "bin_output",
    "sway", "rotate", "stretch", "stretch_sway", "flipped", "dot", "angle", "grad_centr", "reverse", "coordconv",
    "stream", "wait_stream",
  ]

  private static let maxpool: Set<String> = [
    "stride", "stride_x", "stride_y", "size", "padding", "maxpool_depth", "out_channels", "antialiasing",
    "maxpool_zero_nonmax",
  ]

  private static let yolo: Set<String> = [
    "classes", "num", "mask", "max", "show_details", "max_delta", "counters_per_class", "label_smooth_eps",
    "scale_x_y", "objectness_smooth", "new_coords", "iou_normalizer", "obj_normalizer", "cls_normalizer",
    "delta_normalizer", "iou_loss", "iou_thresh_kind", "beta_nms", "nms_kind", "jitter", "resize", "focal_loss",
    "ignore_thresh", "truth_thresh", "iou_thresh", "random", "track_history_size", "sim_thresh", "dets_for_track",
    "dets_for_show", "track_ciou_norm", "embedding_layer", "map", "anchors",
  ]
}
