// What the UI checks before a file leaves the browser (the server checks the same and more: the
// real type from the bytes, a pixel limit).

// Media per message, links and uploads together (Plivo's limit).
export const maxMediaPerMessage = 10;
// The largest file accepted for upload, before fitting.
export const maxUploadBytes = 20_000_000;
// All attached media of one message together, after fitting (Plivo accepts 5 MB per message).
export const maxTotalMediaBytes = 5_000_000;
// What the file picker offers; the server decides from the bytes.
export const acceptedImageTypes = 'image/jpeg,image/png,image/gif';
