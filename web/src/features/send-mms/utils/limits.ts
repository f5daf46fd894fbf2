// The send API's limits (the server enforces the same ones).
export const maxRecipients = 50;
export const maxMessageCharacters = 1600;
export const maxMediaUrls = 10;
export const maxMediaUrlLength = 2048;
