export { CodePanel, type CodePanelProps, type CodeLine, type CodeSources } from './CodePanel';
export { tokenize, type CodeLanguage, type Token, type TokenKind } from './tokenize';
