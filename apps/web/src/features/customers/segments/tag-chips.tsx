import { Badge, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { tagsApi } from './segments-api';

/** Colours of the catalogue, by tag name; tags outside the catalogue stay gray. */
export function useTagColors(): Map<string, string> {
  const tags = useQuery({ queryKey: ['tags'], queryFn: () => tagsApi.list(), staleTime: 60_000 });
  return new Map((tags.data?.data ?? []).map((t) => [t.name, t.color]));
}

export function TagChips({ tags, max = 3, size = 'sm' }: { tags: string[]; max?: number; size?: 'xs' | 'sm' }) {
  const colors = useTagColors();
  const shown = tags.slice(0, max);
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((tag) => <Badge key={tag} size={size} variant="light" color={colors.get(tag) ?? 'gray'} tt="none">{tag}</Badge>)}
      {tags.length > max && <Badge size={size} variant="outline" color="gray">+{tags.length - max}</Badge>}
    </Group>
  );
}
