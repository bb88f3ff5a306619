/**
 * Media detection: decoding with limits and perceptual hashes. Other rooms import media
 * detection from here only.
 */

// Audio: chromaprint fingerprints and aligned bit-error-rate matching.
export * from './audio/index.js';
// Images: decoding with limits, PDQ.
export { DEFAULT_IMAGE_LIMITS, type DecodedImage, decodeImage, type ImageLimits } from './decode.js';
// Files: MD5 and SHA-256 (what GIFCT and TCAP share for video).
export { type FileHashes, fileHashes } from './file-hashes.js';
// Text inside media: OCR of images, text of PDFs.
export { OCR_DEFAULTS, type OcrOptions, type OcrResult, ocrImage } from './ocr.js';
export { PDF_TEXT_DEFAULTS, type PdfTextOptions, type PdfTextResult, pdfText } from './pdf-text.js';
export {
  DIHEDRAL_NAMES,
  type DihedralName,
  hashImage,
  hashImageDihedral,
  lumaFromRgb,
  type PdqHash,
  pdqDihedralFromLuma,
  pdqFromLuma,
  pdqfFromLuma,
  pdqHammingDistance,
  pdqHashNorm,
} from './pdq/index.js';
export { type ImagePreview, imagePreview, PREVIEW_MAX_SIDE } from './preview.js';
// Video: vPDQ frame hashes and matching; TMK+PDQF whole-video hashes.
export * from './video/index.js';
export * from './video/tmk/index.js';
