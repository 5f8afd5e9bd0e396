// One example of each kind of secret the scanner must catch, written from the public formats
// (none of them is a live credential). `secret` is the part that must never leave the machine.

export interface SecretExample {
  kind: string;
  text: string;
  secret: string;
  /** Fits in a folder name (no spaces or slashes): also used as a path in the CLI test. */
  pathSafe: boolean;
}

export const SECRET_EXAMPLES: readonly SecretExample[] = [
  { kind: 'aws-access-key-id', text: 'AKIAIOSFODNN7EXAMPLE', secret: 'AKIAIOSFODNN7EXAMPLE', pathSafe: true },
  {
    kind: 'aws-secret',
    text: 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    pathSafe: false,
  },
  {
    kind: 'github-token',
    text: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    secret: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    pathSafe: true,
  },
  {
    kind: 'github-token',
    text: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopQRSTUV',
    secret: '11ABCDEFG0123456789_abcdefghijklmnopQRSTUV',
    pathSafe: true,
  },
  {
    kind: 'gitlab-token',
    text: 'glpat-Hk3nW9xQ2mZ8vB4tY7pL',
    secret: 'Hk3nW9xQ2mZ8vB4tY7pL',
    pathSafe: true,
  },
  {
    kind: 'slack-token',
    text: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp',
    secret: '1234567890-0987654321-AbCdEfGhIjKlMnOp',
    pathSafe: true,
  },
  {
    kind: 'stripe-key',
    text: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    secret: '4eC39HqLyjWDarjtT1zdp7dc',
    pathSafe: true,
  },
  {
    kind: 'openai-key',
    text: 'sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56',
    secret: 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56',
    pathSafe: true,
  },
  {
    kind: 'anthropic-key',
    text: 'sk-ant-api03-Zq8xW2vN4mK7pL9tR3yB6cF1hJ5gD0sA',
    secret: 'Zq8xW2vN4mK7pL9tR3yB6cF1hJ5gD0sA',
    pathSafe: true,
  },
  {
    kind: 'google-api-key',
    text: 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
    secret: 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
    pathSafe: true,
  },
  {
    kind: 'jwt',
    text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    secret: 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    pathSafe: true,
  },
  {
    kind: 'private-key',
    text: '-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ -----END OPENSSH PRIVATE KEY-----',
    secret: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
    pathSafe: false,
  },
  {
    kind: 'url-password',
    text: 'postgres://admin:Tr0ub4dor-and-3@db.internal:5432/app',
    secret: 'Tr0ub4dor-and-3',
    pathSafe: false,
  },
  {
    kind: 'password',
    text: 'password=hunter2-Correct-Horse',
    secret: 'hunter2-Correct-Horse',
    pathSafe: false,
  },
  { kind: 'secret', text: '{"client_secret": "q9Zk-Lm3-Xw7"}', secret: 'q9Zk-Lm3-Xw7', pathSafe: false },
  {
    kind: 'high-entropy',
    text: 'Zx8Qp2Lm9Vt4Rb7Nc1Ky5Hd3',
    secret: 'Zx8Qp2Lm9Vt4Rb7Nc1Ky5Hd3',
    pathSafe: true,
  },
];
