/**
 * One hashed frame of a vPDQ video hash, field for field the reference's `vpdqFeature`: the frame
 * number counts decoded frames from 0, the timestamp is that number over the stream's frame rate.
 */
export interface VpdqFrame {
  frame: number;
  /** PDQ quality, 0 (flat, featureless) to 100. */
  quality: number;
  /** 64 lower-case hex digits: the frame's 256-bit PDQ hash. */
  hash: string;
  /** Seconds from the start, as written: three decimals. */
  timestamp: number;
}
