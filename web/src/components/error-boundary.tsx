import { Component, type ReactNode } from 'react';

/**
 * Catches what fails while a page is drawn or its code is loaded (a chunk gone after a deploy, a
 * network drop, a bug), so the app shows a plain page with a way out instead of going blank.
 * Give it a `key` that changes with the page: another page starts with a clean slate.
 */
export class ErrorBoundary extends Component<
  { fallback: (error: unknown) => ReactNode; children: ReactNode },
  { error: unknown; failed: boolean }
> {
  override state = { error: undefined as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('a page failed', error);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(this.state.error) : this.props.children;
  }
}
