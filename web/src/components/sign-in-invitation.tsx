import { Button, Paragraph } from '@utrecht/component-library-react';
import type { ComponentType } from 'react';
import { useRouter } from '../router.tsx';

/**
 * A page that asks to sign in, for both apps: a heading, a line or two on why, and one button that
 * signs in and comes back to this very page (the citizen app's start page, the portal's, and its
 * expired-session page).
 */
export function SignInInvitation({
  Heading,
  title,
  lead,
  text,
  button,
  signIn,
}: {
  Heading: ComponentType<{ children: string }>;
  title: string;
  /** The larger first paragraph, when there is one. */
  lead?: string;
  text: string;
  button: string;
  /** Starts the login; its argument is the app path to come back to. */
  signIn: (returnTo: string) => void;
}) {
  const { path, search } = useRouter();
  return (
    <>
      <Heading>{title}</Heading>
      {lead !== undefined && <Paragraph lead>{lead}</Paragraph>}
      <Paragraph>{text}</Paragraph>
      <Paragraph>
        <Button appearance="primary-action-button" onClick={() => signIn(`${path}${search}`)}>
          {button}
        </Button>
      </Paragraph>
    </>
  );
}
