// Upload answers as the server gives them (POST /api/uploads, snake_case).
export function uploadAnswer(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    filename: 'photo.jpg',
    content_type: 'image/jpeg',
    original_bytes: 4_089_446,
    bytes: 593_920,
    width: 1200,
    height: 1600,
    fitted: true,
    animated: false,
    warnings: [],
    url: `/api/media/${id}`,
    ...overrides,
  };
}

export function imageFile(name: string, bytes: number, type = 'image/jpeg'): File {
  return new File([new Uint8Array(bytes)], name, { type });
}
