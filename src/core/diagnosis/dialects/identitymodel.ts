// .NET: Microsoft.IdentityModel.Tokens' IDX messages (LogMessages.cs), as servers log or forward them, and
// ASP.NET Core JwtBearerHandler's `WWW-Authenticate: Bearer error="invalid_token", error_description="…"`
// (CreateErrorDescription: "The token expired at '…'", "The signature is invalid", …). Read from
// AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet src/Microsoft.IdentityModel.Tokens/LogMessages.cs
// and dotnet/aspnetcore src/Security/Authentication/JwtBearer/src/JwtBearerHandler.cs.
import { group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const IDX = 'AzureAD/…identitymodel-extensions-for-dotnet Microsoft.IdentityModel.Tokens/LogMessages.cs';
const BEARER =
  'dotnet/aspnetcore Security/Authentication/JwtBearer/src/JwtBearerHandler.cs (CreateErrorDescription)';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'identitymodel',
    source: `${IDX} (IDX10223)`,
    pattern: /IDX10223: Lifetime validation failed\. The token is expired\.|The token expired at '([^']*)'/,
    cause: 'token-expired',
    confidence: 'high',
    detail: (m) =>
      `.NET: the token expired${group(m, 1) !== '' ? ` at ${group(m, 1)}` : ''} by the server's clock (SecurityTokenExpiredException, IDX10223).`,
    claims: () => ['exp'],
  },
  {
    dialect: 'identitymodel',
    source: `${IDX} (IDX10222); ${BEARER}`,
    pattern:
      /IDX10222: Lifetime validation failed\. The token is not yet valid\.|The token is not valid before '([^']*)'/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: ".NET: nbf is in the future by the server's clock (SecurityTokenNotYetValidException, IDX10222).",
    claims: () => ['nbf'],
  },
  {
    dialect: 'identitymodel',
    source: `${IDX} (IDX10225); ${BEARER}`,
    pattern:
      /IDX10225: Lifetime validation failed\. The token is missing an Expiration Time|^The token has no expiration$/,
    cause: 'missing-claims',
    confidence: 'high',
    detail: '.NET: the token has no exp and the server requires one (RequireExpirationTime).',
    claims: () => ['exp'],
  },
  {
    dialect: 'identitymodel',
    source: `${IDX} (IDX10214, IDX10205); ${BEARER}`,
    pattern:
      /IDX10214: Audience validation failed|IDX10205: Issuer validation failed|The (audience|issuer) '[^']*' is invalid/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) => {
      const claim = /issuer|IDX10205/i.test(m[0]) ? 'iss' : 'aud';
      return `.NET: the token's ${claim} does not match the server's Valid${claim === 'iss' ? 'Issuer(s)' : 'Audience(s)'}.`;
    },
    claims: (m) => [/issuer|IDX10205/i.test(m[0]) ? 'iss' : 'aud'],
  },
  {
    dialect: 'identitymodel',
    source: `${IDX} (IDX10503, IDX10511, IDX10501, IDX10500); ${BEARER}`,
    pattern:
      /IDX105(00|01|03|11): Signature validation failed|^The signature is invalid$|^The signature key was not found$/,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail:
      ".NET: the signature does not verify with the server's IssuerSigningKey (or no key matches the token's kid).",
  },
  {
    dialect: 'identitymodel',
    source: `${IDX} (IDX10504)`,
    pattern: /IDX10504: Unable to validate signature, token does not have a signature/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: '.NET: the token is unsigned (alg "none", or the signature part was cut off).',
  },
  {
    dialect: 'identitymodel',
    source:
      'Microsoft.IdentityModel.JsonWebTokens LogMessages.cs (IDX14100, IDX14111…), System.IdentityModel.Tokens.Jwt (IDX12741, IDX12709)',
    pattern:
      /IDX14100: JWT is not well formed|IDX12741: JWT: '[^']*' must have three segments|IDX12709: CanReadToken\(\) returned false\. JWT is not well formed/,
    cause: 'token-malformed',
    confidence: 'high',
    detail: '.NET could not read the token: it is not a well-formed compact JWT.',
  },
];

export const IDENTITYMODEL: Dialect = {
  id: 'identitymodel',
  label: 'Microsoft.IdentityModel / ASP.NET Core JwtBearer',
  stack: '.NET',
  repository:
    'AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet LogMessages.cs; dotnet/aspnetcore JwtBearerHandler.cs',
  rules: RULES,
  samples: [
    {
      text: "IDX10223: Lifetime validation failed. The token is expired. ValidTo: '11/30/2026 10:00:00', Current time: '12/01/2026 05:00:00'.",
      cause: 'token-expired',
    },
    { text: "The token expired at '11/30/2026 10:00:00'", cause: 'token-expired' },
    {
      text: "IDX10222: Lifetime validation failed. The token is not yet valid. ValidFrom: '12/02/2026 10:00:00', Current time: '12/01/2026 05:00:00'.",
      cause: 'token-not-yet-valid',
    },
    { text: "The token is not valid before '12/02/2026 10:00:00'", cause: 'token-not-yet-valid' },
    { text: 'The token has no expiration', cause: 'missing-claims' },
    {
      text: "IDX10214: Audience validation failed. Audiences: 'other-api'. Did not match: validationParameters.ValidAudience: 'my-api' or validationParameters.ValidAudiences: 'null'.",
      cause: 'token-claims-rejected',
    },
    {
      text: "IDX10205: Issuer validation failed. Issuer: 'https://a.example'. Did not match: validationParameters.ValidIssuer: 'https://b.example' or validationParameters.ValidIssuers: 'null'.",
      cause: 'token-claims-rejected',
    },
    { text: "The audience 'other-api' is invalid", cause: 'token-claims-rejected' },
    { text: "The issuer 'https://a.example' is invalid", cause: 'token-claims-rejected' },
    {
      text: "IDX10503: Signature validation failed. Keys tried: 'Microsoft.IdentityModel.Tokens.SymmetricSecurityKey'.",
      cause: 'secret-mismatch',
    },
    { text: "IDX10511: Signature validation failed. Keys tried: 'x'. kid: 'k1'.", cause: 'secret-mismatch' },
    { text: 'The signature is invalid', cause: 'secret-mismatch' },
    { text: 'The signature key was not found', cause: 'secret-mismatch' },
    {
      text: "IDX10504: Unable to validate signature, token does not have a signature: 'x'.",
      cause: 'algorithm-mismatch',
    },
    { text: 'IDX14100: JWT is not well formed, there are no dots (.).', cause: 'token-malformed' },
  ],
};
