// node -r: a rejection no one handles is printed as the Lua runner prints the library's report.
process.on("unhandledRejection", (reason) => console.log(`unhandled: ${String(reason)}`));
