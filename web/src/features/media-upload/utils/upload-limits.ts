// What the UI checks before a file leaves the browser (the server checks the same and more: the
// real type from the bytes, a pixel limit).

// Media per message, links and uploads together (Plivo's limit).
export const maxMediaPerMessage = 10;
// The largest file accepted for upload, before fitting (the server's MMSGATE_UPLOAD_MAX_BYTES default).
export const maxUploadBytes = 20 * 1024 * 1024;
// All uploads of one message together, after fitting (MMSGATE_SEND_MEDIA_MAX_TOTAL_BYTES; Plivo's limit).
export const maxTotalMediaBytes = 5 * 1024 * 1024;
// What the file picker offers; the server decides from the bytes.
export const acceptedImageTypes = 'image/jpeg,image/png,image/gif';
