// `npm test` checks formatting (prettier --check); `npx prettier --write .` fixes it.
export default { printWidth: 120 };
