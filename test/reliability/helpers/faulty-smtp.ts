import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Behaviours of the faulty server: `silent` accepts connections and never
 * greets, `drop-in-data` closes the connection after part of the message,
 * `slow` greets at once but replies to each command only after `slowReplyMs`.
 */
export type SmtpFault = 'silent' | 'drop-in-data' | 'slow';

/** A scripted SMTP server on 127.0.0.1 whose fault can be switched while it runs. */
export interface FaultySmtpServer {
  url: string;
  fault: SmtpFault;
  /** Connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

/** Starts the server; it speaks just enough SMTP for nodemailer to reach DATA. */
export async function startFaultySmtpServer(slowReplyMs: number): Promise<FaultySmtpServer> {
  const sockets = new Set<Socket>();
  const state: FaultySmtpServer = { url: '', fault: 'silent', connections: 0, close: async () => undefined };

  const server = createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const fault = state.fault;
    if (fault === 'silent') return;

    const reply = (text: string) => {
      const write = () => socket.writable && socket.write(`${text}\r\n`);
      if (fault === 'slow') setTimeout(write, slowReplyMs);
      else write();
    };
    // The greeting comes at once, so the slow replies hit the socket limit, not the greeting limit.
    socket.write('220 faulty.test ESMTP\r\n');

    let inData = false;
    let buffered = '';
    socket.on('data', (chunk) => {
      if (inData) {
        // Part of the message has arrived: drop the connection mid-DATA.
        socket.destroy();
        return;
      }
      buffered += String(chunk);
      let end;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const command = buffered.slice(0, end).toUpperCase();
        buffered = buffered.slice(end + 2);
        if (command.startsWith('EHLO') || command.startsWith('HELO')) reply('250 faulty.test');
        else if (command.startsWith('DATA')) {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (command.startsWith('QUIT')) reply('221 Bye');
        else reply('250 OK');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  state.url = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
