/** The bytes of an object being registered, and what the client said about them. */
export interface ObjectContent {
  body: Buffer;
  declaredType: string | null;
  filename: string | null;
  origin: 'url' | 'upload';
  sourceUrl?: string;
}

export interface RegistrationInput {
  dataSourceId: string;
  tags: string[];
  sidecarText?: string;
}
